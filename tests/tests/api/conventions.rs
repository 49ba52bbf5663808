//! Conventions every endpoint shares: problem+json, paging, ETags, health.

use serde_json::json;
use tests::{on_both_databases, Method, StatusCode, TestApp};

async fn health_and_readiness(app: &TestApp) {
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json()["status"], "ready");
}

async fn actix_errors_are_problem_json(app: &TestApp) {
    app.get("/api/v1/no-such-thing").await.problem(404);
    app.get("/api/v1/organisations/not-a-number")
        .await
        .problem(404);
    app.send(app.client.delete(app.url("/api/v1/fields")))
        .await
        .problem(405);
    app.get("/api/v1/organisations?limit=ten")
        .await
        .problem(400);
    let token = app.staff_token().await;
    let bad_json = app
        .client
        .post(app.url("/api/v1/fields"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"name_de\": ");
    app.send(bad_json).await.problem(400);
    let wrong_type = app
        .client
        .post(app.url("/api/v1/fields"))
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body("name");
    app.send(wrong_type).await.problem(415);
    let huge = json!({ "name_de": "x".repeat(300 * 1024) });
    app.call(Method::POST, "/api/v1/fields", &token, Some(huge))
        .await
        .problem(413);
    let wrong_shape = app
        .call(
            Method::POST,
            "/api/v1/fields",
            &token,
            Some(json!({ "name_de": 5 })),
        )
        .await;
    wrong_shape.problem(422);
}

async fn paging_has_a_maximum_and_totals(app: &TestApp) {
    let too_big = app
        .get("/api/v1/municipalities?limit=201")
        .await
        .problem(422);
    assert_eq!(too_big["errors"][0]["field"], "limit");
    app.get("/api/v1/municipalities?offset=-1")
        .await
        .problem(422);
    let all = app.get("/api/v1/municipalities?limit=200").await.json();
    assert_eq!(
        all["total"], 1101,
        "every municipality of the state, counted over all pages"
    );
    let page = app
        .get("/api/v1/municipalities?district=08416&limit=2&offset=1")
        .await
        .json();
    assert_eq!(page["total"], 15);
    assert_eq!(page["limit"], 2);
    assert_eq!(page["offset"], 1);
    let names: Vec<_> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Bodelshausen", "Dettenhausen"],
        "in dictionary order"
    );
}

async fn etag_and_if_none_match_give_304(app: &TestApp) {
    let first = app.get("/api/v1/districts").await;
    let etag = first.header("etag").expect("etag").to_owned();
    let again = app
        .send(
            app.client
                .get(app.url("/api/v1/districts"))
                .header("if-none-match", &etag),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.text.is_empty());
    // A change to the data changes the tag (a new municipality in a district).
    app.import_municipalities("ags,name\n08116099,Neuort\n")
        .await;
    let changed = app
        .send(
            app.client
                .get(app.url("/api/v1/districts"))
                .header("if-none-match", &etag),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
}

async fn openapi_and_docs_are_served(app: &TestApp) {
    let spec = app.get("/api/v1/openapi.json").await;
    assert_eq!(spec.status, StatusCode::OK);
    assert!(spec.json()["paths"]["/api/v1/organisations"].is_object());
    let docs = app.get("/api/docs/").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs.text.contains("swagger"), "{}", docs.text);
    let ui_js = app.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(
        ui_js.status,
        StatusCode::OK,
        "Swagger UI must be served from the binary"
    );
}

/// A code the database holds but this build does not know (a newer version's, or a hand edit)
/// is an error in the log, never silently read as some other value.
async fn an_unknown_stored_code_is_an_error_not_a_guess(app: &TestApp) {
    let staff = app.staff_token().await;
    let created = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &staff,
            Some(json!({ "kind": "association", "name": "Verein mit neuem Code" })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/organisations/{id}");
    assert_eq!(app.get(&path).await.json()["kind"], "association");

    app.execute_sql(&format!(
        "UPDATE organisations SET kind = 'cooperative' WHERE id = {id}"
    ))
    .await;
    let problem = app.get(&path).await.problem(500);
    assert_eq!(problem["code"], "internal");
}

on_both_databases!(
    an_unknown_stored_code_is_an_error_not_a_guess,
    health_and_readiness,
    actix_errors_are_problem_json,
    paging_has_a_maximum_and_totals,
    etag_and_if_none_match_give_304,
    openapi_and_docs_are_served
);
