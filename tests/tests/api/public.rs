//! The public mentor listing and coverage: consent decides what leaves the system.

use crate::people::{create, ids, mentor, put, search_query};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use tests::{on_both_databases, Method, StatusCode, TestApp};

pub async fn consent(app: &TestApp, token: &str, person: &Value, level: &str) {
    let reply = app
        .call(
            Method::PUT,
            &format!("/api/v1/people/{}/consent", person["id"]),
            token,
            Some(json!({ "level": level })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["family_name"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn keys(entry: &Value) -> BTreeSet<String> {
    entry.as_object().unwrap().keys().cloned().collect()
}

/// Every public output at once: JSON, CSV and the sync feed from the beginning.
async fn everything_public(app: &TestApp) -> String {
    let json = app.get("/api/v1/public/mentors?limit=200").await.text;
    let csv = app
        .get("/api/v1/public/mentors?format=csv&limit=200")
        .await
        .text;
    let sync = app
        .get("/api/v1/public/mentors?modified_since=1970-01-01T00:00:00Z&limit=200")
        .await
        .text;
    format!("{json}\n{csv}\n{sync}")
}

async fn only_consented_mentors_and_only_consented_fields(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let silent = create(
        app,
        &token,
        mentor("Sven", "Stillschweiger", "08111000", &[1], "active"),
    )
    .await;
    let named = create(
        app,
        &token,
        mentor("Nina", "Namentlich", "08111000", &[1, 2], "active"),
    )
    .await;
    let reachable = create(
        app,
        &token,
        mentor("Karl", "Kontakt", "08116019", &[3], "certified"),
    )
    .await;
    let trainee = create(
        app,
        &token,
        mentor("Tom", "Trainee", "08111000", &[1], "in_training"),
    )
    .await;
    consent(app, &token, &named, "name_fields").await;
    consent(app, &token, &reachable, "contact").await;
    consent(app, &token, &trainee, "contact").await;

    let page = app.get("/api/v1/public/mentors").await;
    assert_eq!(page.status, StatusCode::OK);
    let page = page.json();
    assert_eq!(
        names(&page),
        ["Kontakt", "Namentlich"],
        "no consent, or still in training: not listed"
    );
    assert_eq!(page["total"], 2);
    let karl = &page["items"][0];
    let nina = &page["items"][1];
    let base: BTreeSet<String> = [
        "id",
        "deleted",
        "modified_at",
        "given_name",
        "family_name",
        "municipalities",
        "fields",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        keys(nina),
        base,
        "name, municipality and fields, nothing else"
    );
    let mut with_contact = base.clone();
    with_contact.extend(["email".to_owned(), "phone".to_owned()]);
    assert_eq!(keys(karl), with_contact);
    assert_eq!(karl["email"], "karl.kontakt@example.org");
    assert_eq!(nina["fields"].as_array().unwrap().len(), 2);
    assert_eq!(nina["fields"][0]["name_de"], "Jugendengagementprojekte");
    assert_eq!(nina["municipalities"][0]["ags"], "08111000");

    let everything = everything_public(app).await;
    for secret in [
        "Stillschweiger",
        "Trainee",
        "Lindenweg",
        "nina.namentlich@example.org",
        "Begleitet Vereine",
        "abends",
    ] {
        assert!(
            !everything.contains(secret),
            "{secret} leaked into a public output"
        );
    }
    assert!(everything.contains("karl.kontakt@example.org"));
    let _ = silent;
}

async fn withdrawal_takes_effect_on_the_next_request(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let person = create(
        app,
        &token,
        mentor("Wanda", "Widerruf", "08111000", &[1], "active"),
    )
    .await;
    consent(app, &token, &person, "contact").await;
    let before = app.get("/api/v1/public/mentors").await;
    assert_eq!(names(&before.json()), ["Widerruf"]);
    let etag = before.header("etag").unwrap().to_owned();
    let sync_start = before.json()["items"][0]["modified_at"]
        .as_str()
        .unwrap()
        .to_owned();

    consent(app, &token, &person, "none").await;
    let after = app
        .send(
            app.client
                .get(app.url("/api/v1/public/mentors"))
                .header("if-none-match", &etag),
        )
        .await;
    assert_eq!(
        after.status,
        StatusCode::OK,
        "a cached copy must not be confirmed"
    );
    assert_eq!(after.json()["total"], 0);
    assert!(!everything_public(app).await.contains("Widerruf"));

    // A municipality syncing since the last change sees a tombstone without personal data.
    let sync = app
        .get(&format!(
            "/api/v1/public/mentors?modified_since={}",
            sync_start.replace('+', "%2B")
        ))
        .await
        .json();
    assert_eq!(sync["items"].as_array().unwrap().len(), 1, "{sync}");
    let tombstone = &sync["items"][0];
    assert_eq!(tombstone["deleted"], true);
    assert_eq!(tombstone["id"], person["id"]);
    assert_eq!(
        keys(tombstone),
        ["deleted", "id", "modified_at"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );

    // The consent history records both changes.
    let stored = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}", person["id"]),
            &token,
            None,
        )
        .await
        .json();
    let levels: Vec<_> = stored["mentor"]["consent_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["level"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(levels, ["contact", "none"]);
    assert_eq!(stored["mentor"]["consent"]["text_version"], "2026-11");
}

async fn no_server_instance_serves_a_withdrawn_mentor_from_its_cache(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let person = create(
        app,
        &token,
        mentor("Ida", "Instanz", "08111000", &[1], "active"),
    )
    .await;
    consent(app, &token, &person, "name_fields").await;
    // A second server on the same database, as behind a load balancer; both have cached the page.
    let other = app.second_instance().await;
    for server in [app, &other] {
        assert_eq!(
            names(&server.get("/api/v1/public/mentors").await.json()),
            ["Instanz"]
        );
        assert!(server
            .get("/api/v1/public/mentors?format=csv")
            .await
            .text
            .contains("Instanz"));
    }
    consent(app, &token, &person, "none").await;
    for server in [app, &other] {
        assert_eq!(
            server.get("/api/v1/public/mentors").await.json()["total"],
            0
        );
        assert!(!server
            .get("/api/v1/public/mentors?format=csv")
            .await
            .text
            .contains("Instanz"));
    }
    // Renaming a field shows in the listing at once, too.
    consent(app, &token, &person, "name_fields").await;
    assert_eq!(
        other.get("/api/v1/public/mentors").await.json()["items"][0]["fields"][0]["name_de"],
        "Jugendengagementprojekte"
    );
    let field = app.get("/api/v1/fields/1").await;
    let renamed = app
        .send(
            app.client
                .put(app.url("/api/v1/fields/1"))
                .bearer_auth(&token)
                .header("if-match", field.header("etag").unwrap())
                .json(&json!({ "name_de": "Junges Engagement", "name_en": "Youth engagement" })),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK);
    assert_eq!(
        other.get("/api/v1/public/mentors").await.json()["items"][0]["fields"][0]["name_de"],
        "Junges Engagement"
    );
    other.stop().await;
}

async fn deleted_and_paused_mentors_leave_tombstones(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let a = create(
        app,
        &token,
        mentor("Anton", "Alpha", "08111000", &[1], "active"),
    )
    .await;
    let b = create(
        app,
        &token,
        mentor("Berta", "Beta", "08111000", &[1], "active"),
    )
    .await;
    consent(app, &token, &a, "name_fields").await;
    consent(app, &token, &b, "name_fields").await;
    let b = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}", b["id"]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/api/v1/people/{}", a["id"]),
            &token,
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let mut paused = mentor("Berta", "Beta", "08111000", &[1], "paused");
    paused["email"] = b["email"].clone();
    let reply = app
        .send(
            app.client
                .put(app.url(&format!("/api/v1/people/{}", b["id"])))
                .bearer_auth(&token)
                .header("if-match", format!("\"{}\"", b["version"]))
                .json(&paused),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(app.get("/api/v1/public/mentors").await.json()["total"], 0);
    let sync = app
        .get("/api/v1/public/mentors?modified_since=1970-01-01")
        .await
        .json();
    let gone: Vec<_> = sync["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["deleted"] == true)
        .map(|m| m["id"].clone())
        .collect();
    assert_eq!(gone, [a["id"].clone(), b["id"].clone()]);
}

async fn sync_pages_follow_next_links_in_stable_order(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let mut expected = Vec::new();
    for i in 0..7 {
        let p = create(
            app,
            &token,
            mentor("Mentor", &format!("Nummer{i}"), "08111000", &[1], "active"),
        )
        .await;
        consent(app, &token, &p, "name_fields").await;
        expected.push(p["id"].as_i64().unwrap());
    }
    let mut seen = Vec::new();
    let mut url = "/api/v1/public/mentors?modified_since=1970-01-01T00:00:00Z&limit=3".to_owned();
    loop {
        let page = app.get(&url).await.json();
        assert_eq!(page["total"], 7);
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["id"].as_i64().unwrap()),
        );
        match page["next"].as_str() {
            Some(next) => url = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen, expected, "every mentor once, oldest change first");
    // Offset pages for the plain listing link onwards too.
    let first = app
        .get("/api/v1/public/mentors?limit=5&district=08111")
        .await
        .json();
    let next = first["next"].as_str().unwrap().to_owned();
    assert!(
        next.contains("district=08111") && next.contains("offset=5"),
        "{next}"
    );
    assert_eq!(
        app.get(&next).await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    app.get("/api/v1/public/mentors?modified_since=gestern")
        .await
        .problem(422);
    app.get("/api/v1/public/mentors?modified_since=1970-01-01&after=xyz")
        .await
        .problem(422);
}

async fn filters_csv_and_cors(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let mut a_body = mentor("Ayşe", "Öztürk", "08111000", &[4], "active");
    a_body["languages"] = json!(["de", "tr"]);
    let a = create(app, &token, a_body).await;
    let mut b_body = mentor("Björn", "Müller; \"Jr.\"", "08416041", &[6], "active");
    b_body["languages"] = json!(["de", "sv"]);
    b_body["email"] = json!("bjoern@example.org");
    let b = create(app, &token, b_body).await;
    consent(app, &token, &a, "contact").await;
    consent(app, &token, &b, "name_fields").await;
    let q = |query: &str| {
        let (app, query) = (&app, query.to_owned());
        async move {
            names(
                &app.get(&format!("/api/v1/public/mentors?{query}"))
                    .await
                    .json(),
            )
        }
    };
    assert_eq!(q("district=08416").await, ["Müller; \"Jr.\""]);
    assert_eq!(q("municipality=08111000").await, ["Öztürk"]);
    assert_eq!(q("field=6").await, ["Müller; \"Jr.\""]);
    assert_eq!(q("language=tr").await, ["Öztürk"]);
    app.get("/api/v1/public/mentors?municipality=8111")
        .await
        .problem(422);
    app.get("/api/v1/public/mentors?format=xml")
        .await
        .problem(422);

    let csv_reply = app
        .send(
            app.client
                .get(app.url("/api/v1/public/mentors"))
                .header("accept", "text/csv"),
        )
        .await;
    assert!(csv_reply
        .header("content-type")
        .unwrap()
        .starts_with("text/csv"));
    assert!(
        csv_reply.text.starts_with('\u{feff}'),
        "byte-order mark for Excel"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv_reply.text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "ID",
            "gelöscht",
            "geändert am",
            "Vorname",
            "Nachname",
            "Gemeinden",
            "AGS",
            "Einsatzfelder",
            "E-Mail",
            "Telefon"
        ],
        "German headers for German spreadsheets"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        &rows[0][4], "Müller; \"Jr.\"",
        "quoting survives the round trip"
    );
    assert_eq!(&rows[0][8], "", "no contact without consent");
    assert_eq!(&rows[1][3], "Ayşe");
    assert_eq!(&rows[1][5], "Stuttgart");
    assert_eq!(&rows[1][7], "Integrative und interkulturelle Projekte");
    assert_eq!(&rows[1][8], "ayşe.öztürk@example.org");
    assert_eq!(&rows[1][6], "=\"08111000\"", "the key stays text in Excel");
    let english = app
        .get("/api/v1/public/mentors?format=csv&lang=en")
        .await
        .text;
    assert!(
        english.starts_with("\u{feff}id;deleted;modified_at;given_name;family_name;"),
        "{english}"
    );
    assert!(
        english.contains("Integrative and intercultural projects"),
        "{english}"
    );
    app.get("/api/v1/public/mentors?format=csv&lang=fr")
        .await
        .problem(422);

    let cors = app
        .send(
            app.client
                .get(app.url("/api/v1/public/mentors"))
                .header("origin", "https://www.esslingen.de"),
        )
        .await;
    assert_eq!(cors.header("access-control-allow-origin"), Some("*"));
    let preflight = app
        .send(
            app.client
                .request(Method::OPTIONS, app.url("/api/v1/public/mentors"))
                .header("origin", "https://www.esslingen.de")
                .header("access-control-request-method", "GET"),
        )
        .await;
    assert!(preflight.status.is_success(), "{:?}", preflight.status);
}

/// A municipality's entry in a coverage answer.
fn municipality_in<'a>(coverage: &'a Value, ags: &str) -> Option<&'a Value> {
    coverage["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["ags"] == ags)
}

async fn coverage_counts_active_mentors_and_white_spots(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let before = app.get("/api/v1/coverage").await.json();
    assert_eq!(before["state"]["mentors"], 0);
    assert_eq!(before["state"]["municipalities"], 1101);
    assert_eq!(
        before["white_spots"].as_array().unwrap().len(),
        1101,
        "no mentor yet: every municipality of the state is a white spot"
    );
    let mut two_places = mentor("Doris", "Doppelt", "08116019", &[2, 9], "active");
    two_places["mentor"]["municipalities"] = json!(["08116019", "08116020"]);
    create(app, &token, two_places).await;
    create(
        app,
        &token,
        mentor("Paul", "Pause", "08111000", &[1], "paused"),
    )
    .await;
    let after = app.get("/api/v1/coverage").await.json();
    assert_eq!(
        after["state"]["mentors"], 1,
        "only active mentors count, each once"
    );
    assert_eq!(after["state"]["fields"], json!([2, 9]));
    assert_eq!(after["state"]["municipalities_covered"], 2);
    let esslingen = after["districts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == "08116")
        .unwrap()
        .clone();
    assert_eq!(
        (
            esslingen["mentors"].as_i64(),
            esslingen["municipalities"].as_i64(),
            esslingen["municipalities_covered"].as_i64()
        ),
        (Some(1), Some(44), Some(2))
    );
    assert_eq!(esslingen["fields"], json!([2, 9]));
    let place = |ags: &str| {
        municipality_in(&after, ags).map(|m| (m["mentors"].clone(), m["fields"].clone()))
    };
    assert_eq!(place("08116019"), Some((json!(1), json!([2, 9]))));
    assert_eq!(place("08116020"), Some((json!(1), json!([2, 9]))));
    assert_eq!(
        place("08111000"),
        Some((json!(0), json!([]))),
        "a paused mentor covers nothing"
    );
    let spots = after["white_spots"].as_array().unwrap();
    assert_eq!(spots.len(), 1099);
    assert!(!spots.contains(&json!("08116019")) && spots.contains(&json!("08111000")));
    let district = app.get("/api/v1/coverage?district=08116").await.json();
    assert_eq!(district["municipalities"].as_array().unwrap().len(), 44);
    assert_eq!(district["white_spots"].as_array().unwrap().len(), 42);
}

/// Coverage is served from memory between changes, and every change shows on the next request
/// on every server instance, however it was written: through the API, or straight in the
/// database (triggers keep the coverage generation, not the handlers).
async fn coverage_follows_every_change_on_every_instance(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let other = app.second_instance().await;
    let stuttgart =
        |c: &Value| municipality_in(c, "08111000").map(|m| m["mentors"].as_i64().unwrap());
    let person = create(
        app,
        &token,
        mentor("Cora", "Zwischenstand", "08116019", &[3], "active"),
    )
    .await;
    for server in [app, &other] {
        let coverage = server.get("/api/v1/coverage").await.json();
        assert_eq!(coverage["state"]["mentors"], 1);
        assert_eq!(stuttgart(&coverage), Some(0));
    }
    let id = person["id"].as_i64().unwrap();
    app.execute_sql(&format!(
        "UPDATE mentors SET status = 'paused' WHERE person_id = {id}"
    ))
    .await;
    for server in [app, &other] {
        let coverage = server.get("/api/v1/coverage").await.json();
        assert_eq!(
            coverage["state"]["mentors"], 0,
            "a pause written in the database shows at once"
        );
    }
    app.execute_sql(&format!(
        "UPDATE mentors SET status = 'active' WHERE person_id = {id}; \
         UPDATE mentor_municipalities SET municipality_ags = '08111000' WHERE person_id = {id}"
    ))
    .await;
    // A crowd asks at once, on both instances, for the district and for the state: every answer
    // has the new figures (one computation serves them all).
    let asks = (0..16).map(|i| {
        let server = if i % 2 == 0 { app } else { &other };
        let path = if i % 4 < 2 {
            "/api/v1/coverage?district=08111"
        } else {
            "/api/v1/coverage"
        };
        server.get(path)
    });
    for reply in futures::future::join_all(asks).await {
        let coverage = reply.json();
        assert_eq!(stuttgart(&coverage), Some(1), "{}", reply.text);
        assert_eq!(coverage["state"]["municipalities_covered"], 1);
    }
    let district = other.get("/api/v1/coverage?district=08111").await.json();
    assert_eq!(district["municipalities"].as_array().unwrap().len(), 1);
    assert_eq!(district["white_spots"], json!([]));
    other.stop().await;
}

/// Writers on two instances create active mentors at once while readers on both ask for
/// coverage. Each writer bumps the coverage generation on a stripe of its own (PostgreSQL), so
/// writers do not queue for one row; no answer cached while they commit outlives them: once
/// they are done, both instances count every one.
async fn coverage_counts_every_concurrent_writer_on_every_instance(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let other = app.second_instance().await;
    let places = ["08111000", "08116019", "08116020"];
    let writes = (0..24).map(|i| {
        let server = if i % 2 == 0 { app } else { &other };
        let body = mentor(
            "Wera",
            &format!("Schreiber{i}"),
            places[i % 3],
            &[1],
            "active",
        );
        server.call(Method::POST, "/api/v1/people", &token, Some(body))
    });
    let reads = (0..24).map(|i| {
        let server = if i % 2 == 0 { &other } else { app };
        server.get(if i % 3 == 0 {
            "/api/v1/coverage?district=08116"
        } else {
            "/api/v1/coverage"
        })
    });
    let (written, read) = futures::future::join(
        futures::future::join_all(writes),
        futures::future::join_all(reads),
    )
    .await;
    for reply in written {
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    }
    for reply in read {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }
    for server in [app, &other] {
        let coverage = server.get("/api/v1/coverage").await.json();
        assert_eq!(coverage["state"]["mentors"], 24, "{coverage}");
        assert_eq!(coverage["state"]["municipalities_covered"], 3);
        let district = server.get("/api/v1/coverage?district=08116").await.json();
        assert_eq!(
            district["state"]["mentors"], 24,
            "the state figures stay the state's"
        );
        let esslingen = district["municipalities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["ags"] == "08116019")
            .map(|m| m["mentors"].clone());
        assert_eq!(esslingen, Some(json!(8)));
    }
    other.stop().await;
}

/// A page whose count is already known is read without a transaction and kept only when the
/// generation has not moved meanwhile. While mentors leave and rejoin the listing through one
/// instance, both instances answer pages of every length: each page must be whole (as many
/// entries as its total allows), never a window read before a withdrawal filled with entries
/// read after it.
async fn pages_read_while_mentors_come_and_go_are_whole(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let other = app.second_instance().await;
    let mut mentors = Vec::new();
    for i in 0..12 {
        let person = create(
            app,
            &token,
            mentor(
                "Mira",
                &format!("Wechsel{i:02}"),
                "08111000",
                &[1],
                "active",
            ),
        )
        .await;
        consent(app, &token, &person, "name_fields").await;
        mentors.push(person);
    }
    let done = std::sync::atomic::AtomicBool::new(false);
    let writer = async {
        for round in 0..30 {
            let level = if round % 2 == 0 {
                "none"
            } else {
                "name_fields"
            };
            for person in &mentors[..4] {
                consent(app, &token, person, level).await;
            }
        }
        done.store(true, std::sync::atomic::Ordering::SeqCst);
    };
    let (_, read) = futures::future::join(
        writer,
        futures::future::join_all((0..6).map(|i| {
            let server = if i % 2 == 0 { app } else { &other };
            read_whole_pages(server, i + 1, &done)
        })),
    )
    .await;
    assert!(read.iter().all(|pages| *pages > 0), "{read:?}");
    other.stop().await;
}

/// Reads pages of German speakers, of lengths 1 to 11 in turn, until `done`, checking each is
/// whole; answers how many it read.
async fn read_whole_pages(
    server: &TestApp,
    mut limit: i64,
    done: &std::sync::atomic::AtomicBool,
) -> usize {
    let mut pages = 0;
    while !done.load(std::sync::atomic::Ordering::SeqCst) {
        let page = server
            .get(&format!("/api/v1/public/mentors?limit={limit}&language=de"))
            .await
            .json();
        let total = page["total"].as_i64().unwrap();
        assert_eq!(
            ids(&page).len() as i64,
            total.min(limit),
            "?limit={limit} of {total}: {page}"
        );
        pages += 1;
        limit = limit % 11 + 1;
    }
    pages
}

/// A CSV without `limit` is the whole listing, and a spreadsheet program shows it as it is:
/// every listed mentor, keys and phone numbers as text with their leading zeros and `+`, and
/// no cell run as a formula.
async fn the_csv_is_complete_and_safe_in_a_spreadsheet(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    app.seed_mentors(1_500).await;
    let token = app.staff_token().await;
    let tricky = [
        (
            "=HYPERLINK(\"http://böse.example\")",
            "Formel",
            "0711 123456",
        ),
        ("+49", "Plus", "+49 711 9876"),
        ("-Anna", "Minus", "07071 555"),
        ("@Summe", "At", "0711 1"),
    ];
    for (given, family, phone) in tricky {
        let mut body = mentor(given, family, "08111000", &[1], "active");
        body["phone"] = json!(phone);
        body["email"] = json!(format!("{}@example.org", family.to_lowercase()));
        let person = create(app, &token, body).await;
        consent(app, &token, &person, "contact").await;
    }
    let total = app.get("/api/v1/public/mentors?limit=1").await.json()["total"]
        .as_i64()
        .unwrap() as usize;
    assert!(total > 1_000, "{total} listed");

    let csv = app.get("/api/v1/public/mentors?format=csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.header("link").is_none(),
        "nothing left out, nothing to follow"
    );
    let rows: Vec<Vec<Value>> = serde_json::from_value(tests::tools::read_download(
        "spreadsheet.py",
        ".csv",
        &csv.bytes,
        &[],
    ))
    .unwrap();
    let cell = |row: &[Value], i: usize| row[i]["value"].clone();
    let header: Vec<Value> = rows[0].iter().map(|c| c["value"].clone()).collect();
    assert_eq!(header[3], "Vorname");
    assert_eq!(header[6], "AGS");
    assert_eq!(rows.len(), total + 1, "a row for every listed mentor");

    for row in &rows[1..] {
        let ags = cell(row, 6);
        assert!(
            ags.as_str()
                .is_some_and(|a| a.starts_with("08") && a.len() >= 8),
            "the key stays text with its leading zero: {ags}"
        );
        for i in [3, 4, 5, 7, 8] {
            assert!(
                !row[i]["formula"].as_bool().unwrap(),
                "no formula in {row:?}"
            );
        }
        let phone = cell(row, 9);
        assert!(
            phone.is_null() || phone.is_string(),
            "the phone stays text: {phone}"
        );
    }
    let by_family = |family: &str| {
        rows.iter()
            .find(|row| cell(row, 4) == family)
            .unwrap_or_else(|| panic!("{family} in the spreadsheet"))
            .clone()
    };
    for (given, family, phone) in tricky {
        let row = by_family(family);
        assert_eq!(
            cell(&row, 3),
            format!("'{given}"),
            "shown as the text it is"
        );
        assert_eq!(cell(&row, 9), phone, "the phone number as written");
    }
}

/// Deep pages start at the blocks of the listing's index (a filter of one facet) or at anchors
/// found once per publication generation (combinations): every page of every filter, at any
/// depth, is the slice of the listing's order a plain query of the tables gives, and still is
/// after a change moves everyone up one place. After the changes, each filter is first asked
/// for its last page, so a combination's count comes from its anchors.
async fn deep_pages_of_every_filter_are_slices_of_the_listing_order(app: &TestApp) {
    app.seed_mentors(1_500).await;
    let first = app.get("/api/v1/public/mentors?limit=1").await.json();
    let municipality = first["items"][0]["municipalities"][0]["ags"]
        .as_str()
        .unwrap()
        .to_owned();
    let district = municipality[..5].to_owned();
    let (low, high) = (format!("{district}000"), format!("{district}999"));
    let in_field =
        "EXISTS (SELECT 1 FROM mentor_fields x WHERE x.person_id = m.person_id AND x.field_id = 3)";
    let filters = [
        ("", "TRUE".to_owned()),
        (
            "language=de",
            "EXISTS (SELECT 1 FROM person_languages x WHERE x.person_id = m.person_id AND x.language = 'de')".to_owned(),
        ),
        (
            "field=3",
            "EXISTS (SELECT 1 FROM mentor_fields x WHERE x.person_id = m.person_id AND x.field_id = 3)".to_owned(),
        ),
        (
            "district",
            format!("EXISTS (SELECT 1 FROM mentor_municipalities x WHERE x.person_id = m.person_id AND x.municipality_ags BETWEEN '{low}' AND '{high}')"),
        ),
        (
            "field=3&language=de",
            format!("{in_field} AND EXISTS (SELECT 1 FROM person_languages x WHERE x.person_id = m.person_id AND x.language = 'de')"),
        ),
        // A place with a field is one facet of the index (a pair).
        (
            "district&field=3",
            format!("{in_field} AND EXISTS (SELECT 1 FROM mentor_municipalities x WHERE x.person_id = m.person_id AND x.municipality_ags BETWEEN '{low}' AND '{high}')"),
        ),
        (
            "municipality&field=3&language=de",
            format!("{in_field} AND EXISTS (SELECT 1 FROM mentor_municipalities x WHERE x.person_id = m.person_id AND x.municipality_ags = '{municipality}') AND EXISTS (SELECT 1 FROM person_languages x WHERE x.person_id = m.person_id AND x.language = 'de')"),
        ),
    ];
    let check = |round: &'static str, deep_first: bool| {
        let (filters, district, municipality) = (&filters, &district, &municipality);
        async move {
            for (query, condition) in filters {
                let query = query
                    .replace("district", &format!("district={district}"))
                    .replace("municipality", &format!("municipality={municipality}"));
                let from = format!("FROM mentors m WHERE m.listed AND {condition}");
                let total = app.count_sql(&format!("SELECT COUNT(*) AS n {from}")).await;
                if query.is_empty() {
                    assert!(total > 1_100, "deep enough for two anchors: {total}");
                }
                let at = |position: i64| {
                    let from = &from;
                    async move {
                        app.count_sql(&format!(
                            "SELECT m.person_id AS n {from} \
                             ORDER BY m.sort_name, m.person_id LIMIT 1 OFFSET {position}"
                        ))
                        .await
                    }
                };
                let mut offsets = [
                    0,
                    500,
                    511,
                    512,
                    513,
                    1000,
                    1024,
                    1030,
                    (total - 20).max(0),
                    total,
                ];
                // Last page first: the count then comes from the anchors the deep page needs.
                if deep_first {
                    offsets.reverse();
                }
                for offset in offsets {
                    let page = app
                        .get(&format!(
                            "/api/v1/public/mentors?{query}&limit=50&offset={offset}"
                        ))
                        .await
                        .json();
                    let ids = ids(&page);
                    let context = format!("{round}: ?{query}&offset={offset} of {total}");
                    assert_eq!(page["total"], total, "{context}");
                    assert_eq!(ids.len() as i64, (total - offset).clamp(0, 50), "{context}");
                    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
                        assert_eq!(*first, at(offset).await, "{context}");
                        assert_eq!(*last, at(offset + ids.len() as i64 - 1).await, "{context}");
                    }
                }
            }
        }
    };
    check("seeded", false).await;
    let token = app.staff_token().await;
    let leading = app.get("/api/v1/public/mentors?limit=1").await.json();
    consent(app, &token, &leading["items"][0], "none").await;
    check("after the first left", true).await;
    // Coming back writes their index rows anew, the pairs of place and field among them.
    consent(app, &token, &leading["items"][0], "name_fields").await;
    check("after the first came back", true).await;
}

/// The listing finds mentors by name as people type names, on the names alone: what the
/// listing does not show (an e-mail address, the town one lives in) finds no one.
async fn the_listing_finds_names_as_people_type_them(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let mut yilmaz = mentor("Jürgen", "Yılmaz", "08111000", &[4], "active");
    yilmaz["email"] = json!("geheim-adresse@example.org");
    yilmaz["address"] = json!({ "city": "Weißenhorn" });
    let yilmaz = create(app, &token, yilmaz).await;
    let strasser = create(
        app,
        &token,
        mentor("Anna", "Straßer", "08416041", &[6], "active"),
    )
    .await;
    // Namesake without consent: never found.
    create(
        app,
        &token,
        mentor("Jürgen", "Yilmaz", "08111000", &[4], "active"),
    )
    .await;
    consent(app, &token, &yilmaz, "name_fields").await;
    consent(app, &token, &strasser, "name_fields").await;
    for typed in ["Yilmaz", "YILMAZ", "Juergen", "jürgen yıl", "ürgen"] {
        assert_eq!(found(app, typed).await, ["Yılmaz"], "{typed}");
    }
    for typed in ["Strasser", "straßer", "Anna Str"] {
        assert_eq!(found(app, typed).await, ["Straßer"], "{typed}");
    }
    for private in ["geheim", "example.org", "Weissenhorn"] {
        assert!(
            found(app, private).await.is_empty(),
            "{private} finds no one"
        );
    }
    // With the other filters, in JSON and CSV, the total counting the matches only.
    let page = app
        .get("/api/v1/public/mentors?q=yilmaz&district=08111&limit=5")
        .await
        .json();
    assert_eq!(
        (names(&page), page["total"].clone()),
        (vec!["Yılmaz".to_owned()], json!(1))
    );
    assert!(found_none(app, "q=yilmaz&district=08416").await);
    let csv = app
        .get("/api/v1/public/mentors?q=strasser&format=csv")
        .await
        .text;
    assert!(csv.contains("Straßer") && !csv.contains("Yılmaz"), "{csv}");
    // A rename moves the index, and a second instance that has answered the old name answers
    // the new one: the cached pages and counts follow the publication generation.
    let other = app.second_instance().await;
    assert_eq!(found(&other, "Strasser").await, ["Straßer"]);
    let record = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}", strasser["id"]),
            &token,
            None,
        )
        .await
        .json();
    let renamed = mentor("Anna", "Keller", "08416041", &[6], "active");
    let reply = put(app, &token, &record, renamed).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    for server in [app, &other] {
        assert!(found(server, "Strasser").await.is_empty());
        assert_eq!(found(server, "keller").await, ["Keller"]);
    }
    // Served by a trigram index on the names, not by reading every person.
    let plan = if app.database_url.starts_with("postgres") {
        app.query_plan("SELECT id FROM people WHERE name_key LIKE '%yilmaz%' ESCAPE '\\'")
            .await
    } else {
        app.query_plan("SELECT rowid FROM people_names WHERE people_names MATCH '\"yilmaz\"'")
            .await
    };
    assert!(
        plan.contains("people_name_trigrams") || plan.contains("VIRTUAL TABLE INDEX 0:M"),
        "{plan}"
    );
    // Bad input is refused with its reason.
    let long = "a".repeat(101);
    app.get(&format!("/api/v1/public/mentors?q={long}"))
        .await
        .problem(422);
    app.get("/api/v1/public/mentors?q=yilmaz&modified_since=1970-01-01T00:00:00Z")
        .await
        .problem(422);
}

/// The family names the listing finds for `typed`, as a browser sends it.
async fn found(server: &TestApp, typed: &str) -> Vec<String> {
    let path = format!("/api/v1/public/mentors?{}", search_query(typed));
    names(&server.get(&path).await.json())
}

async fn found_none(app: &TestApp, query: &str) -> bool {
    names(
        &app.get(&format!("/api/v1/public/mentors?{query}"))
            .await
            .json(),
    )
    .is_empty()
}

/// Entries show the names of fields and municipalities as they are now: renaming either
/// reaches every listed entry that shows it, in JSON, CSV and the feed, and no other entry.
async fn listed_entries_show_renamed_fields_and_municipalities(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let renamed = create(
        app,
        &token,
        mentor("Rita", "Umbenannt", "08116020", &[1], "active"),
    )
    .await;
    let kept = create(
        app,
        &token,
        mentor("Karl", "Bleibend", "08111000", &[2], "active"),
    )
    .await;
    consent(app, &token, &renamed, "contact").await;
    consent(app, &token, &kept, "contact").await;
    let before = app.get("/api/v1/public/mentors?limit=10").await.json();
    let field = app.get("/api/v1/fields/1").await;
    let etag = field.header("etag").unwrap().to_owned();
    let reply = app
        .send(
            app.client
                .put(app.url("/api/v1/fields/1"))
                .bearer_auth(&token)
                .header("if-match", &etag)
                .json(&json!({ "name_de": "Jugend gewinnen", "name_en": "Winning the young" })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let entry = |page: &Value, id: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == *id)
            .cloned()
            .unwrap()
    };
    let field_renamed = app.get("/api/v1/public/mentors?limit=10").await.json();
    let rita = entry(&field_renamed, &renamed["id"]);
    assert_eq!(rita["fields"][0]["name_de"], "Jugend gewinnen");
    assert_eq!(rita["fields"][0]["name_en"], "Winning the young");
    assert_eq!(rita["municipalities"][0]["name"], "Filderstadt");

    app.import_municipalities("ags,name,kind\n08116020,Filderstadt (neu),Stadt\n")
        .await;
    let after = app.get("/api/v1/public/mentors?limit=10").await.json();
    let rita = entry(&after, &renamed["id"]);
    assert_eq!(rita["municipalities"][0]["name"], "Filderstadt (neu)");
    assert_eq!(rita["municipalities"][0]["district_key"], "08116");
    assert_eq!(rita["fields"][0]["name_de"], "Jugend gewinnen");
    assert_eq!(rita["email"], "rita.umbenannt@example.org");
    assert_eq!(
        entry(&before, &renamed["id"])["modified_at"],
        rita["modified_at"],
        "a renamed field is no change of the mentor's entry"
    );
    assert_eq!(entry(&after, &kept["id"]), entry(&before, &kept["id"]));
    let everything = everything_public(app).await;
    assert!(
        !everything.contains("Jugendengagementprojekte"),
        "{everything}"
    );
    assert_eq!(
        everything.matches("Filderstadt (neu)").count(),
        3,
        "{everything}"
    );
    assert_eq!(
        everything.matches("Jugend gewinnen").count(),
        3,
        "{everything}"
    );
}

/// Keys of a block by the blocks' sizes that the index does not hold: one row per block whose
/// kept size (its stripes added up) differs from the keys between its start and the next
/// block's, and one per facet whose first block is missing.
const BLOCKS_AMISS: &str = "SELECT COUNT(*) AS n FROM (\
    SELECT b.facet, SUM(b.n) AS kept, (SELECT COUNT(*) FROM listing_keys k \
        WHERE k.facet = b.facet AND (k.sort_name, k.person_id) >= (b.sort_name, b.person_id) \
        AND NOT EXISTS (SELECT 1 FROM listing_blocks x WHERE x.facet = b.facet AND x.stripe = 0 \
            AND (x.sort_name, x.person_id) > (b.sort_name, b.person_id) \
            AND (x.sort_name, x.person_id) <= (k.sort_name, k.person_id))) AS counted \
    FROM listing_blocks b GROUP BY b.facet, b.sort_name, b.person_id \
    UNION ALL SELECT DISTINCT k.facet, 0, 1 FROM listing_keys k WHERE NOT EXISTS (\
        SELECT 1 FROM listing_blocks b WHERE b.facet = k.facet AND b.sort_name = '' \
        AND b.person_id = 0 AND b.stripe = 0)) c \
    WHERE kept <> counted";

/// Every change to the listing keeps the sizes of its index's blocks, which count a filter of
/// one facet and start its deep pages: writers on two instances at once add mentors who all
/// sort first (so the first block of the whole listing grows past two strides and splits),
/// withdraw some and rename others to the end. Afterwards every block holds the keys its sizes
/// say, and both instances answer every page as the slice of the listing's order a plain query
/// of the tables gives.
async fn block_sizes_follow_concurrent_writers_on_two_instances(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    app.seed_mentors(1_500).await;
    assert_eq!(app.count_sql(BLOCKS_AMISS).await, 0, "as seeded");
    let blocks = "SELECT COUNT(*) AS n FROM listing_blocks WHERE facet = '' AND stripe = 0";
    let seeded_blocks = app.count_sql(blocks).await;
    let token = app.staff_token().await;
    let other = app.second_instance().await;
    let writers = (0..8).map(|w| {
        let (server, token) = (if w % 2 == 0 { app } else { &other }, &token);
        async move {
            for i in 0..80 {
                let family = format!("Aaberg{w}x{i:02}");
                let body = mentor("Ada", &family, "08111000", &[2], "active");
                let person = create(server, token, body.clone()).await;
                consent(server, token, &person, "name_fields").await;
                match i % 17 {
                    3 => consent(server, token, &person, "none").await,
                    5 => {
                        let mut renamed = body;
                        renamed["family_name"] = json!(format!("Zyx{w}x{i:02}"));
                        let path = format!("/api/v1/people/{}", person["id"]);
                        let current = server.call(Method::GET, &path, token, None).await.json();
                        let reply = put(server, token, &current, renamed).await;
                        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
                    }
                    _ => {}
                }
            }
        }
    });
    futures::future::join_all(writers).await;
    assert_eq!(app.count_sql(BLOCKS_AMISS).await, 0, "after the writers");
    assert!(
        app.count_sql(blocks).await > seeded_blocks,
        "the first block split"
    );
    let from = "FROM mentors m WHERE m.listed";
    let total = app.count_sql(&format!("SELECT COUNT(*) AS n {from}")).await;
    for server in [app, &other] {
        for offset in [0, 511, 512, 1000, 1023, 1024, 1030, total - 1] {
            let page = server
                .get(&format!("/api/v1/public/mentors?limit=5&offset={offset}"))
                .await
                .json();
            assert_eq!(page["total"], total, "offset {offset}");
            let expected = app
                .count_sql(&format!(
                    "SELECT m.person_id AS n {from} \
                     ORDER BY m.sort_name, m.person_id LIMIT 1 OFFSET {offset}"
                ))
                .await;
            assert_eq!(ids(&page)[0], expected, "offset {offset} of {total}");
        }
    }
    other.stop().await;
}

/// A writer held up by a split adds to the block its key lands in once the split is done
/// (PostgreSQL; on SQLite a write transaction holds the whole database). A transaction of the
/// test holds the first block of the whole listing as a split does, while a mentor who sorts
/// first joins the listing through the API; it then splits the block at that mentor's key,
/// counting what is committed, and lets go. The writer must add the mentor to the new block.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_writer_held_up_by_a_split_adds_to_the_block_its_key_moved_to() {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let app = tests::spawn(tests::Database::Postgres).await;
    app.import_municipalities(crate::MUNICIPALITIES).await;
    app.seed_mentors(1_500).await;
    let token = app.staff_token().await;
    let first = create(
        &app,
        &token,
        mentor("Ada", "Aaaaron", "08111000", &[2], "active"),
    )
    .await;
    let id = first["id"].as_i64().unwrap();
    let block = "facet = '' AND sort_name = '' AND person_id = 0";
    let (held, go) = (std::sync::mpsc::channel(), std::sync::mpsc::channel::<()>());
    let (url, block_sql) = (app.database_url.clone(), block.to_owned());
    let splitter = std::thread::spawn(move || {
        let mut conn = diesel::PgConnection::establish(&url).unwrap();
        conn.batch_execute(&format!(
            "BEGIN; SELECT 1 FROM listing_blocks WHERE {block_sql} AND stripe = 0 FOR UPDATE"
        ))
        .unwrap();
        held.0.send(()).unwrap();
        go.1.recv().unwrap();
        // The mentor's key is the first: the new block holds everything committed.
        conn.batch_execute(&format!(
            "INSERT INTO listing_blocks (facet, sort_name, person_id, stripe, n) \
             SELECT '', (SELECT sort_name FROM mentors WHERE person_id = {id}), {id}, 0, SUM(n) \
             FROM listing_blocks WHERE {block_sql}; \
             DELETE FROM listing_blocks WHERE {block_sql} AND stripe <> 0; \
             UPDATE listing_blocks SET n = 0 WHERE {block_sql}; COMMIT"
        ))
        .unwrap();
    });
    held.1.recv().unwrap();
    let waiting = "SELECT COUNT(*) AS n FROM pg_stat_activity \
        WHERE wait_event_type = 'Lock' AND query LIKE '%FOR KEY SHARE%'";
    let joining = consent(&app, &token, &first, "name_fields");
    let watch = async {
        for _ in 0..500 {
            if app.count_sql(waiting).await > 0 {
                return go.0.send(()).unwrap();
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("the writer did not wait for the split");
    };
    futures::future::join(joining, watch).await;
    splitter.join().unwrap();
    assert_eq!(app.count_sql(BLOCKS_AMISS).await, 0);
    let listed = app.get("/api/v1/public/mentors?limit=1").await.json();
    assert_eq!(ids(&listed), [id]);
    app.stop().await;
}

on_both_databases!(
    block_sizes_follow_concurrent_writers_on_two_instances,
    listed_entries_show_renamed_fields_and_municipalities,
    the_listing_finds_names_as_people_type_them,
    pages_read_while_mentors_come_and_go_are_whole,
    the_csv_is_complete_and_safe_in_a_spreadsheet,
    only_consented_mentors_and_only_consented_fields,
    withdrawal_takes_effect_on_the_next_request,
    no_server_instance_serves_a_withdrawn_mentor_from_its_cache,
    deleted_and_paused_mentors_leave_tombstones,
    sync_pages_follow_next_links_in_stable_order,
    filters_csv_and_cors,
    coverage_counts_active_mentors_and_white_spots,
    coverage_follows_every_change_on_every_instance,
    coverage_counts_every_concurrent_writer_on_every_instance,
    deep_pages_of_every_filter_are_slices_of_the_listing_order
);
