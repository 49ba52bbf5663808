//! People, mentor and trainer profiles: staff API, duplicates, merge, tandem rules.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

pub fn mentor(given: &str, family: &str, ags: &str, fields: &[i64], status: &str) -> Value {
    json!({
        "given_name": given,
        "family_name": family,
        "email": format!("{}.{}@example.org", given.to_lowercase(), family.to_lowercase()),
        "phone": "0711 555 0100",
        "address": { "street": "Lindenweg 3", "postal_code": "70173", "city": "Stuttgart" },
        "municipality": ags,
        "languages": ["de", "tr"],
        "mentor": {
            "status": status,
            "fields": fields,
            "municipalities": [ags],
            "activity_profile": "Begleitet Vereine beim Gewinnen junger Ehrenamtlicher.",
            "target_groups": ["Jugendliche"],
            "themes": ["Integration"],
            "availability": "abends"
        }
    })
}

pub async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let reply = app
        .call(Method::POST, "/api/v1/people", token, Some(body))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json()
}

pub async fn put(app: &TestApp, token: &str, person: &Value, body: Value) -> tests::Reply {
    let path = format!("/api/v1/people/{}", person["id"]);
    app.send(
        app.client
            .put(app.url(&path))
            .bearer_auth(token)
            .header("if-match", format!("\"{}\"", person["version"]))
            .json(&body),
    )
    .await
}

/// The ids of a page's items, in order.
pub fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

async fn people_are_for_staff_only(app: &TestApp) {
    app.get("/api/v1/people").await.problem(401);
    app.get("/api/v1/people/1").await.problem(401);
    app.send(app.client.post(app.url("/api/v1/people")).json(&mentor(
        "A",
        "B",
        "08111000",
        &[],
        "active",
    )))
    .await
    .problem(401);
}

async fn mentor_profile_with_status_history(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let created = create(
        app,
        &token,
        mentor("Aylin", "Yılmaz", "08111000", &[4, 1], "in_training"),
    )
    .await;
    let m = &created["mentor"];
    assert_eq!(m["status"], "in_training");
    assert_eq!(m["fields"], json!([1, 4]));
    assert_eq!(m["municipalities"][0]["name"], "Stuttgart");
    assert_eq!(m["consent"]["level"], "none", "no consent by default");
    assert_eq!(m["listed"], false);
    assert_eq!(m["status_history"].as_array().unwrap().len(), 1);
    assert_eq!(created["languages"], json!(["de", "tr"]));

    let mut body = mentor("Aylin", "Yılmaz", "08111000", &[4, 1], "certified");
    body["mentor"]["municipalities"] = json!(["08111000", "08116019"]);
    let updated = put(app, &token, &created, body.clone()).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    let updated = updated.json();
    let history: Vec<_> = updated["mentor"]["status_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(history, ["in_training", "certified"]);
    assert_eq!(
        updated["mentor"]["municipalities"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    put(app, &token, &created, body).await.problem(412);

    let anonymous = app.get(&format!("/api/v1/people/{}", created["id"])).await;
    anonymous.problem(401);
}

async fn staff_filter_people(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let a = create(
        app,
        &token,
        mentor("Anna", "Äbele", "08111000", &[1], "active"),
    )
    .await;
    let mut b_body = mentor("Bernd", "Weiß", "08416041", &[2], "paused");
    b_body["languages"] = json!(["de", "ar"]);
    let b = create(app, &token, b_body).await;
    let t = create(app, &token, json!({ "given_name": "Tina", "family_name": "Trainer", "trainer": { "kind": "professional" } })).await;
    let q = |query: &str| {
        let (app, token, query) = (&app, token.clone(), query.to_owned());
        async move {
            ids(&app
                .call(
                    Method::GET,
                    &format!("/api/v1/people?{query}"),
                    &token,
                    None,
                )
                .await
                .json())
        }
    };
    assert_eq!(
        q("").await,
        [
            a["id"].as_i64().unwrap(),
            t["id"].as_i64().unwrap(),
            b["id"].as_i64().unwrap()
        ],
        "dictionary order by family name"
    );
    assert_eq!(
        q("role=mentor&status=paused").await,
        [b["id"].as_i64().unwrap()]
    );
    assert_eq!(q("field=1").await, [a["id"].as_i64().unwrap()]);
    assert_eq!(q("district=08416").await, [b["id"].as_i64().unwrap()]);
    assert_eq!(
        q("municipality=08111000").await,
        [a["id"].as_i64().unwrap()]
    );
    assert_eq!(q("language=ar").await, [b["id"].as_i64().unwrap()]);
    assert_eq!(
        q("role=trainer&trainer_kind=professional").await,
        [t["id"].as_i64().unwrap()]
    );
    assert_eq!(q("q=weiss").await, [b["id"].as_i64().unwrap()]);
    assert_eq!(q("q=ABELE").await, [a["id"].as_i64().unwrap()]);
    app.call(Method::GET, "/api/v1/people?language=deutsch", &token, None)
        .await
        .problem(422);
}

async fn duplicates_are_reported_and_can_be_created_deliberately(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let first = create(
        app,
        &token,
        mentor("Maria", "Schmid", "08111000", &[1], "active"),
    )
    .await;
    // Same e-mail, other spelling.
    let mut same_email = mentor("Marie", "Schmidt", "08416041", &[], "active");
    same_email["email"] = json!("MARIA.schmid@Example.org");
    let problem = app
        .call(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(same_email.clone()),
        )
        .await
        .problem(409);
    assert_eq!(problem["duplicates"][0]["id"], first["id"]);
    assert_eq!(problem["duplicates"][0]["reason"], "email");
    // Same name in the same municipality.
    let mut same_name = mentor("Maria", "Schmid", "08111000", &[], "active");
    same_name["email"] = json!("andere@example.org");
    let problem = app
        .call(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(same_name.clone()),
        )
        .await
        .problem(409);
    assert_eq!(problem["duplicates"][0]["reason"], "name_municipality");
    same_name["allow_duplicate"] = json!(true);
    create(app, &token, same_name).await;
    let all = app
        .call(Method::GET, "/api/v1/people", &token, None)
        .await
        .json();
    assert_eq!(all["total"], 2);
}

async fn merge_keeps_every_link(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let org = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &token,
            Some(json!({ "kind": "association", "name": "Sportverein" })),
        )
        .await
        .json();
    let keep = create(
        app,
        &token,
        mentor("Jonas", "Keller", "08111000", &[1], "active"),
    )
    .await;
    let mut dup_body = mentor("Jonas", "Keller", "08111000", &[2, 6], "active");
    dup_body["email"] = json!("j.keller@example.org");
    dup_body["languages"] = json!(["en"]);
    dup_body["mentor"]["municipalities"] = json!(["08116019"]);
    dup_body["mentor"]["organisations"] = json!([org["id"]]);
    dup_body["mentor"]["themes"] = json!(["Gesundheit"]);
    dup_body["allow_duplicate"] = json!(true);
    let dup = create(app, &token, dup_body).await;
    let consent = app
        .call(
            Method::PUT,
            &format!("/api/v1/people/{}/consent", dup["id"]),
            &token,
            Some(json!({ "level": "contact" })),
        )
        .await;
    assert_eq!(consent.status, StatusCode::OK, "{}", consent.text);
    // Enrolments follow the kept record; both in one course must be sorted out first.
    let course = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &token,
            Some(json!({ "kind": "mentor_course", "title": "Kurs", "capacity": 5 })),
        )
        .await
        .json();
    let enrolments = format!("/api/v1/courses/{}/enrolments", course["id"]);
    let list = app
        .call(
            Method::POST,
            &enrolments,
            &token,
            Some(json!({ "person_id": dup["id"] })),
        )
        .await
        .json();
    let dup_enrolment = list[0]["id"].clone();
    app.call(
        Method::POST,
        &enrolments,
        &token,
        Some(json!({ "person_id": keep["id"] })),
    )
    .await;
    let both = app
        .call(
            Method::POST,
            &format!("/api/v1/people/{}/merge", keep["id"]),
            &token,
            Some(json!({ "duplicate_id": dup["id"] })),
        )
        .await
        .problem(409);
    assert!(both["detail"].as_str().unwrap().contains("Kurs"), "{both}");
    let kept_enrolment = app
        .call(Method::GET, &enrolments, &token, None)
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["person_id"] == keep["id"])
        .unwrap()["id"]
        .clone();
    app.call(
        Method::PUT,
        &format!("{enrolments}/{kept_enrolment}"),
        &token,
        Some(json!({ "status": "cancelled" })),
    )
    .await;

    let merged = app
        .call(
            Method::POST,
            &format!("/api/v1/people/{}/merge", keep["id"]),
            &token,
            Some(json!({ "duplicate_id": dup["id"] })),
        )
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.text);
    let merged = merged.json();
    let m = &merged["mentor"];
    assert_eq!(m["fields"], json!([1, 2, 6]));
    let places: Vec<_> = m["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ags"].as_str().unwrap())
        .collect();
    assert_eq!(places, ["08111000", "08116019"]);
    assert_eq!(m["organisations"], json!([org["id"]]));
    assert_eq!(m["themes"], json!(["Gesundheit", "Integration"]));
    assert_eq!(merged["languages"], json!(["de", "en", "tr"]));
    assert_eq!(m["consent"]["level"], "contact", "the newer consent wins");
    assert_eq!(
        m["consent_history"].as_array().unwrap().len(),
        1,
        "the consent history moved over"
    );
    assert_eq!(
        m["status_history"].as_array().unwrap().len(),
        2,
        "both status histories are kept"
    );
    app.call(
        Method::GET,
        &format!("/api/v1/people/{}", dup["id"]),
        &token,
        None,
    )
    .await
    .problem(404);
    let list = app
        .call(Method::GET, &enrolments, &token, None)
        .await
        .json();
    let moved: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["person_id"] == keep["id"])
        .map(|e| e["id"].clone())
        .collect();
    assert!(
        moved.contains(&dup_enrolment),
        "the duplicate's enrolment moved over: {list}"
    );
    app.call(
        Method::POST,
        &format!("/api/v1/people/{}/merge", keep["id"]),
        &token,
        Some(json!({ "duplicate_id": keep["id"] })),
    )
    .await
    .problem(422);
}

async fn tandems_pair_a_professional_with_a_citizen(app: &TestApp) {
    let token = app.staff_token().await;
    let trainer = |given: &str, kind: &str| json!({ "given_name": given, "family_name": "Trainer", "trainer": { "kind": kind, "qualified_since": "2025-03-01" } });
    let pro = create(app, &token, trainer("Paula", "professional")).await;
    let pro2 = create(app, &token, trainer("Peter", "professional")).await;
    let citizen = create(app, &token, trainer("Clara", "citizen")).await;
    let plain = create(
        app,
        &token,
        json!({ "given_name": "Nora", "family_name": "Niemand" }),
    )
    .await;

    let mut body = trainer("Paula", "professional");
    body["trainer"]["tandem_partner"] = pro2["id"].clone();
    let wrong = put(app, &token, &pro, body.clone()).await.problem(422);
    assert_eq!(wrong["errors"][0]["field"], "trainer.tandem_partner");
    assert!(
        wrong["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("hauptamtlichen und einer bürgerschaftlichen"),
        "{wrong}"
    );
    body["trainer"]["tandem_partner"] = plain["id"].clone();
    put(app, &token, &pro, body.clone()).await.problem(422);
    body["trainer"]["tandem_partner"] = pro["id"].clone();
    put(app, &token, &pro, body.clone()).await.problem(422);

    body["trainer"]["tandem_partner"] = citizen["id"].clone();
    let paired = put(app, &token, &pro, body).await;
    assert_eq!(paired.status, StatusCode::OK, "{}", paired.text);
    assert_eq!(paired.json()["trainer"]["tandem_partner"], citizen["id"]);
    let other_side = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}", citizen["id"]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(
        other_side["trainer"]["tandem_partner"], pro["id"],
        "a tandem is mutual"
    );
    assert_eq!(other_side["trainer"]["qualified_since"], "2025-03-01");
}

/// Names are found as people type them: without the marks of other alphabets ("Yilmaz"), with
/// umlauts written out ("Juergen") or typed where the record has them written out ("Müller"),
/// and with ss for ß; the same folding finds organisations and municipalities.
async fn search_finds_names_as_people_type_them(app: &TestApp) {
    let token = app.staff_token().await;
    let person = |given: &str, family: &str, city: &str| json!({ "given_name": given, "family_name": family, "address": { "city": city } });
    let juergen = create(app, &token, person("Jürgen", "Yılmaz", "Reutlingen")).await["id"]
        .as_i64()
        .unwrap();
    let mueller = create(app, &token, person("Hans", "Mueller", "Weißenhorn")).await["id"]
        .as_i64()
        .unwrap();
    let lukasz = create(app, &token, person("Łukasz", "Kowalczyk", "Ulm")).await["id"]
        .as_i64()
        .unwrap();
    let found = |typed: &str| {
        let path = format!("/api/v1/people?{}", search_query(typed));
        let (app, token) = (&app, token.clone());
        async move { ids(&app.call(Method::GET, &path, &token, None).await.json()) }
    };
    assert_eq!(found("Yilmaz").await, [juergen]);
    assert_eq!(found("YILMAZ").await, [juergen]);
    assert_eq!(found("Juergen").await, [juergen]);
    assert_eq!(found("jürgen yil").await, [juergen]);
    assert_eq!(found("Müller").await, [mueller]);
    assert_eq!(found("weissenhorn").await, [mueller]);
    assert_eq!(found("Weißenh").await, [mueller]);
    assert_eq!(found("Lukasz").await, [lukasz]);
    assert!(found("Maier").await.is_empty());
    // The index follows changes: a new name is found, the old one no more.
    let record = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{mueller}"),
            &token,
            None,
        )
        .await
        .json();
    let mut renamed = person("Hans", "Maier", "Weißenhorn");
    renamed["languages"] = json!([]);
    assert_eq!(
        put(app, &token, &record, renamed).await.status,
        StatusCode::OK
    );
    assert_eq!(found("Maier").await, [mueller]);
    assert!(found("Müller").await.is_empty());

    // Terms of three letters or more are served by an index, not by reading every row.
    let plan = if app.database_url.starts_with("postgres") {
        app.query_plan(
            "SELECT id FROM people WHERE search_text LIKE '%yilmaz%' ESCAPE '\\' \
             OR search_text LIKE '%yilmaz%' ESCAPE '\\'",
        )
        .await
    } else {
        app.query_plan(
            "SELECT id FROM people WHERE people.id IN \
             (SELECT rowid FROM people_search WHERE people_search MATCH '\"yilmaz\"')",
        )
        .await
    };
    assert!(
        plan.contains("people_search_trigrams") || plan.contains("VIRTUAL TABLE INDEX 0:M"),
        "{plan}"
    );

    let organisation = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &token,
            Some(json!({ "kind": "association", "name": "Nachbarschaftshilfe Lange Straße" })),
        )
        .await;
    assert_eq!(
        organisation.status,
        StatusCode::CREATED,
        "{}",
        organisation.text
    );
    let organisations = app
        .call(
            Method::GET,
            "/api/v1/organisations?q=lange%20strasse",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(organisations["total"], 1, "{organisations}");
    let municipalities = app.get("/api/v1/municipalities?q=Tuebingen").await.json();
    assert_eq!(
        municipalities["items"][0]["name"], "Tübingen",
        "{municipalities}"
    );
}

/// Keys made by an older folding are made again when a server starts: a register whose keys
/// are stale (here: emptied, and the version forgotten) is found by name once more, in the
/// staff search and in the public listing.
async fn search_keys_are_made_again_at_start(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let person = create(
        app,
        &token,
        mentor("Jürgen", "Yılmaz", "08111000", &[4], "active"),
    )
    .await;
    crate::public::consent(app, &token, &person, "name_fields").await;
    app.execute_sql(
        "UPDATE people SET search_text = '', name_key = ''; \
         DELETE FROM settings WHERE key = 'search_keys';",
    )
    .await;
    assert!(
        staff_finds(app, &token).await.is_empty(),
        "the keys are gone"
    );
    let restarted = app.second_instance().await;
    assert_eq!(
        staff_finds(&restarted, &token).await,
        [person["id"].as_i64().unwrap()]
    );
    let listed = restarted
        .get("/api/v1/public/mentors?q=juergen")
        .await
        .json();
    assert_eq!(listed["total"], 1, "{listed}");
}

async fn staff_finds(server: &TestApp, token: &str) -> Vec<i64> {
    ids(&server
        .call(Method::GET, "/api/v1/people?q=Yilmaz", token, None)
        .await
        .json())
}

/// `q=…`, encoded as a browser encodes a form.
pub fn search_query(typed: &str) -> String {
    let url = reqwest::Url::parse_with_params("http://x/", &[("q", typed)]).unwrap();
    url.query().unwrap().to_owned()
}

on_both_databases!(
    search_keys_are_made_again_at_start,
    search_finds_names_as_people_type_them,
    people_are_for_staff_only,
    mentor_profile_with_status_history,
    staff_filter_people,
    duplicates_are_reported_and_can_be_created_deliberately,
    merge_keeps_every_link,
    tandems_pair_a_professional_with_a_citizen
);
