//! Partner organisations: create, read, update, delete, list with filters.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

fn school(name: &str, ags: &str) -> Value {
    json!({
        "kind": "school",
        "name": name,
        "address": { "street": "Schulstraße 1", "postal_code": "70173", "city": "Stuttgart" },
        "municipality": ags,
        "contact": { "name": "Frau Öztürk", "email": "sekretariat@schule.example", "phone": "0711 123456" },
        "website": "www.schule.example",
        "fields": [6, 1],
        "roles": ["partner", "course_venue"]
    })
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let reply = app
        .call(Method::POST, "/api/v1/organisations", token, Some(body))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let org = reply.json();
    assert_eq!(
        reply.header("location"),
        Some(format!("/api/v1/organisations/{}", org["id"]).as_str())
    );
    org
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn create_read_update_delete(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let org = create(app, &token, school("Grundschule am Park", "08111000")).await;
    assert_eq!(org["website"], "https://www.schule.example");
    assert_eq!(org["fields"], json!([1, 6]));
    assert_eq!(org["roles"], json!(["partner", "course_venue"]));
    assert_eq!(org["municipality"]["name"], "Stuttgart");
    assert_eq!(org["contact"]["email"], "sekretariat@schule.example");

    let path = format!("/api/v1/organisations/{}", org["id"]);
    let read = app.get(&path).await;
    assert_eq!(read.json(), org);
    let etag = read.header("etag").unwrap().to_owned();

    let mut changed = school("Grundschule am Park", "08116019");
    changed["kind"] = json!("association");
    changed["roles"] = json!([]);
    let updated = app
        .send(
            app.client
                .put(app.url(&path))
                .bearer_auth(&token)
                .header("if-match", &etag)
                .json(&changed),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    let updated = updated.json();
    assert_eq!(
        (updated["kind"].as_str(), updated["version"].as_i64()),
        (Some("association"), Some(2))
    );
    assert_eq!(updated["municipality"]["ags"], "08116019");
    assert_eq!(updated["roles"], json!([]));

    let stale = app
        .send(
            app.client
                .put(app.url(&path))
                .bearer_auth(&token)
                .header("if-match", &etag)
                .json(&changed),
        )
        .await;
    stale.problem(412);
    assert_eq!(
        app.get(&path).await.json()["version"],
        2,
        "the stale edit changed nothing"
    );

    let anonymous_delete = app.send(app.client.delete(app.url(&path))).await;
    anonymous_delete.problem(401);
    let deleted = app.call(Method::DELETE, &path, &token, None).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    app.get(&path).await.problem(404);
    app.call(Method::DELETE, &path, &token, None)
        .await
        .problem(404);
}

async fn invalid_input_lists_every_field(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let mut bad = school(" ", "08999999");
    bad["contact"]["email"] = json!("keine-adresse");
    bad["address"]["postal_code"] = json!("7017");
    bad["fields"] = json!([1, 4711]);
    let problem = app
        .call(Method::POST, "/api/v1/organisations", &token, Some(bad))
        .await
        .problem(422);
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "address.postal_code", "contact.email"]);
    // References are checked once the values themselves are valid.
    let mut unknown = school("Schule", "08999999");
    unknown["fields"] = json!([1, 4711]);
    let problem = app
        .call(Method::POST, "/api/v1/organisations", &token, Some(unknown))
        .await
        .problem(422);
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["municipality", "fields"]);
    let bad_kind = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &token,
            Some(json!({ "kind": "pub", "name": "X" })),
        )
        .await;
    bad_kind.problem(422);
    assert_eq!(
        app.get("/api/v1/organisations").await.json()["total"],
        0,
        "nothing was stored"
    );
}

async fn concurrent_writers_all_succeed(app: &TestApp) {
    let token = app.staff_token().await;
    let writes = (0..24).map(|i| {
        let (app, token) = (&app, token.clone());
        async move {
            app.call(
                Method::POST,
                "/api/v1/organisations",
                &token,
                Some(json!({ "kind": "initiative", "name": format!("Initiative {i:02}") })),
            )
            .await
            .status
        }
    });
    // All requests are in flight at once.
    let statuses = futures::future::join_all(writes).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED),
        "{statuses:?}"
    );
    assert_eq!(app.get("/api/v1/organisations").await.json()["total"], 24);
}

async fn list_filters_sorts_and_pages(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    create(app, &token, school("Zeppelin-Gymnasium", "08111000")).await;
    let mut verein = school("Älteren-Treff Esslingen e. V.", "08116019");
    verein["kind"] = json!("association");
    verein["fields"] = json!([7]);
    verein["roles"] = json!(["sponsor"]);
    verein["contact"]["name"] = json!("Herr Weiß");
    create(app, &token, verein).await;
    let mut filder = school("Adler Schule 100%", "08116020");
    filder["fields"] = json!([6]);
    create(app, &token, filder).await;

    let all = app.get("/api/v1/organisations").await.json();
    assert_eq!(all["total"], 3);
    assert_eq!(
        names(&all),
        [
            "Adler Schule 100%",
            "Älteren-Treff Esslingen e. V.",
            "Zeppelin-Gymnasium"
        ],
        "dictionary order"
    );
    let desc = app
        .get("/api/v1/organisations?sort=-name&limit=1")
        .await
        .json();
    assert_eq!(
        (names(&desc), desc["total"].as_i64()),
        (vec!["Zeppelin-Gymnasium".to_owned()], Some(3))
    );

    let q = |query: &str| {
        let app = &app;
        let query = query.to_owned();
        async move {
            names(
                &app.get(&format!("/api/v1/organisations?{query}"))
                    .await
                    .json(),
            )
        }
    };
    assert_eq!(
        q("kind=association").await,
        ["Älteren-Treff Esslingen e. V."]
    );
    assert_eq!(
        q("district=08116").await,
        ["Adler Schule 100%", "Älteren-Treff Esslingen e. V."]
    );
    assert_eq!(q("municipality=08111000").await, ["Zeppelin-Gymnasium"]);
    assert_eq!(
        q("field=6").await,
        ["Adler Schule 100%", "Zeppelin-Gymnasium"]
    );
    assert_eq!(q("role=sponsor").await, ["Älteren-Treff Esslingen e. V."]);
    assert_eq!(
        q("q=%C3%84LTEREN").await,
        ["Älteren-Treff Esslingen e. V."],
        "case-insensitive with umlauts"
    );
    assert_eq!(
        q("q=wei%C3%9F").await,
        ["Älteren-Treff Esslingen e. V."],
        "searches the contact name"
    );
    assert_eq!(
        q("q=weiss").await,
        ["Älteren-Treff Esslingen e. V."],
        "ß is found as ss"
    );
    assert_eq!(
        q("q=100%25").await,
        ["Adler Schule 100%"],
        "% is matched literally"
    );
    assert_eq!(q("q=%25").await, ["Adler Schule 100%"]);
    assert_eq!(q("field=6&district=08116").await, ["Adler Schule 100%"]);
    app.get("/api/v1/organisations?kind=pub").await.problem(400);
    app.get("/api/v1/organisations?municipality=811")
        .await
        .problem(422);
}

on_both_databases!(
    create_read_update_delete,
    invalid_input_lists_every_field,
    concurrent_writers_all_succeed,
    list_filters_sorts_and_pages
);
