//! Fields of activity: seeded, added, renamed, retired.

use serde_json::json;
use tests::{on_both_databases, Method, StatusCode, TestApp};

async fn the_ten_programme_fields_are_seeded(app: &TestApp) {
    let fields = app.get("/api/v1/fields").await.json();
    let fields = fields.as_array().unwrap();
    assert_eq!(fields.len(), 10);
    assert_eq!(fields[0]["name_de"], "Jugendengagementprojekte");
    assert_eq!(fields[0]["name_en"], "Youth volunteer projects");
    assert!(fields.iter().all(|f| f["retired"] == false));
}

async fn staff_add_rename_and_retire_fields(app: &TestApp) {
    let token = app.staff_token().await;
    let created = app
        .call(
            Method::POST,
            "/api/v1/fields",
            &token,
            Some(json!({ "name_de": "Digitale Teilhabe" })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let field = created.json();
    assert_eq!(
        field["name_en"], "Digitale Teilhabe",
        "English name falls back to German"
    );
    let path = format!("/api/v1/fields/{}", field["id"]);
    let etag = created.header("etag").unwrap().to_owned();

    let renamed = app.send(app.client.put(app.url(&path)).bearer_auth(&token).header("if-match", &etag)
            .json(&json!({ "name_de": "Digitale Teilhabe im Alter", "name_en": "Digital inclusion" }))).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    assert_eq!(renamed.json()["version"], 2);

    // The old ETag is stale now: the second edit is refused, not lost silently.
    let stale = app
        .send(
            app.client
                .put(app.url(&path))
                .bearer_auth(&token)
                .header("if-match", &etag)
                .json(&json!({ "name_de": "Anders" })),
        )
        .await;
    stale.problem(412);
    let missing = app
        .call(
            Method::PUT,
            &path,
            &token,
            Some(json!({ "name_de": "Anders" })),
        )
        .await;
    missing.problem(428);

    let etag = renamed.header("etag").unwrap().to_owned();
    let retired = app.send(app.client.put(app.url(&path)).bearer_auth(&token).header("if-match", &etag)
            .json(&json!({ "name_de": "Digitale Teilhabe im Alter", "name_en": "Digital inclusion", "retired": true }))).await;
    assert_eq!(retired.status, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/fields")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        10
    );
    assert_eq!(
        app.get("/api/v1/fields?include_retired=true")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        11
    );
}

async fn unused_fields_can_be_deleted_used_ones_only_retired(app: &TestApp) {
    let token = app.staff_token().await;
    let unused = app
        .call(
            Method::POST,
            "/api/v1/fields",
            &token,
            Some(json!({ "name_de": "Tippfehler" })),
        )
        .await
        .json();
    let path = format!("/api/v1/fields/{}", unused["id"]);
    app.send(app.client.delete(app.url(&path)))
        .await
        .problem(401);
    app.send(
        app.client
            .delete(app.url(&path))
            .bearer_auth(&token)
            .header("if-match", "\"7\""),
    )
    .await
    .problem(412);
    assert_eq!(
        app.call(Method::DELETE, &path, &token, None).await.status,
        StatusCode::NO_CONTENT
    );
    app.get(&path).await.problem(404);

    let org = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &token,
            Some(json!({ "kind": "association", "name": "Verein", "fields": [2] })),
        )
        .await;
    assert_eq!(org.status, StatusCode::CREATED);
    let in_use = app
        .call(Method::DELETE, "/api/v1/fields/2", &token, None)
        .await
        .problem(409);
    assert!(
        in_use["detail"]
            .as_str()
            .unwrap()
            .contains("außer Gebrauch"),
        "{in_use}"
    );
    assert_eq!(
        app.get("/api/v1/fields/2").await.status,
        StatusCode::OK,
        "still there"
    );
}

async fn field_names_are_checked(app: &TestApp) {
    let token = app.staff_token().await;
    let empty = app
        .call(
            Method::POST,
            "/api/v1/fields",
            &token,
            Some(json!({ "name_de": "  " })),
        )
        .await
        .problem(422);
    assert_eq!(empty["errors"][0]["field"], "name_de");
    let duplicate = app
        .call(
            Method::POST,
            "/api/v1/fields",
            &token,
            Some(json!({ "name_de": "Arbeit mit Familien" })),
        )
        .await;
    assert_eq!(duplicate.problem(422)["errors"][0]["code"], "duplicate");
    app.get("/api/v1/fields/999").await.problem(404);
}

on_both_databases!(
    the_ten_programme_fields_are_seeded,
    staff_add_rename_and_retire_fields,
    unused_fields_can_be_deleted_used_ones_only_retired,
    field_names_are_checked
);
