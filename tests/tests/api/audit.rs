//! The audit log: sign-ins, failed sign-ins, changes and exports, with account and record, but
//! without the people's data; searchable by the administration only.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp, STAFF_PASSWORD};

async fn entries(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let reply = app
        .call(Method::GET, &format!("/api/v1/audit?{query}"), token, None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json()["items"].as_array().unwrap().clone()
}

async fn changes_and_sign_ins_are_logged_without_personal_data(app: &TestApp) {
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let staff_id = app
        .call(Method::GET, "/api/v1/auth/me", &staff, None)
        .await
        .json()["id"]
        .clone();
    app.login("mitarbeiterin@mentorat.example", "falsches-passwort")
        .await
        .problem(401);
    app.login("unbekannt@mentorat.example", "falsches-passwort")
        .await
        .problem(401);

    let person = app.call(Method::POST, "/api/v1/people", &staff, Some(json!({
            "given_name": "Zeynep", "family_name": "Kalkan", "email": "zeynep.kalkan@example.org"
        }))).await;
    assert_eq!(person.status, StatusCode::CREATED, "{}", person.text);
    let id = person.json()["id"].as_i64().unwrap();
    let record = format!("people/{id}");
    let etag = person.header("etag").unwrap().to_owned();
    let update = app
        .send(
            app.client
                .put(app.url(&record.replace("people", "/api/v1/people")))
                .bearer_auth(&staff)
                .header("if-match", etag)
                .json(&json!({ "given_name": "Zeynep", "family_name": "Kalkan-Öz" })),
        )
        .await;
    assert_eq!(update.status, StatusCode::OK, "{}", update.text);
    // A refused change is no change.
    app.call(
        Method::POST,
        "/api/v1/people",
        &staff,
        Some(json!({ "given_name": "" })),
    )
    .await;

    let about_person = entries(app, &admin, &format!("record={record}")).await;
    let actions: Vec<(&str, &str)> = about_person
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["route"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("update", "PUT /api/v1/people/{id}"),
            ("create", "POST /api/v1/people")
        ]
    );
    assert!(about_person
        .iter()
        .all(|e| e["account_id"] == staff_id && e["status"].as_i64().unwrap() < 300));

    let sign_ins = entries(app, &admin, &format!("account={staff_id}&action=sign_in")).await;
    assert!(!sign_ins.is_empty());
    let failed = entries(app, &admin, "action=sign_in_failed").await;
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed.iter().any(|e| e["account_id"] == staff_id),
        "the account that was tried"
    );
    assert!(
        failed.iter().any(|e| e["account_id"].is_null()),
        "an unknown address names no account"
    );

    // Nothing in the log names the person or the tried addresses.
    let everything = serde_json::to_string(&entries(app, &admin, "limit=200").await).unwrap();
    for secret in [
        "Zeynep",
        "Kalkan",
        "zeynep.kalkan",
        "unbekannt@",
        "falsches-passwort",
        STAFF_PASSWORD,
    ] {
        assert!(
            !everything.contains(secret),
            "the audit log contains {secret}"
        );
    }
}

async fn only_the_administration_reads_the_log(app: &TestApp) {
    let staff = app.staff_token().await;
    app.call(Method::GET, "/api/v1/audit", &staff, None)
        .await
        .problem(403);
    app.get("/api/v1/audit").await.problem(401);
    let admin = app.admin_token().await;
    app.call(Method::GET, "/api/v1/audit?from=gestern", &admin, None)
        .await
        .problem(400);
    app.call(Method::GET, "/api/v1/audit?limit=100000", &admin, None)
        .await
        .problem(422);
}

async fn sign_out_is_logged(app: &TestApp) {
    let admin = app.admin_token().await;
    let staff = app.staff_token().await;
    app.call(Method::POST, "/api/v1/auth/logout", &staff, None)
        .await;
    let out = entries(app, &admin, "action=sign_out").await;
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["route"], "POST /api/v1/auth/logout");
}

/// The entry is written in the change's own transaction: when the entry cannot be written,
/// the change is not stored either; a created record's entry names it from the start.
async fn a_change_is_stored_only_with_its_entry(app: &TestApp) {
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let postgres = app.database_url.starts_with("postgres");
    app.execute_sql(if postgres {
        "CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$ LANGUAGE plpgsql; \
         CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();"
    } else {
        "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;"
    })
    .await;
    let body = serde_json::json!({ "kind": "association", "name": "Verein ohne Protokoll" });
    let refused = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &staff,
            Some(body.clone()),
        )
        .await;
    assert!(refused.status.is_server_error(), "{}", refused.text);
    let listed = app.get("/api/v1/organisations").await.json();
    assert_eq!(listed["total"], 0, "no change without its entry");

    // The entry of a created record is whole when the change commits: it names the record and
    // the 201 without a correction afterwards, which the log now refuses.
    app.execute_sql(if postgres {
        "DROP TRIGGER refuse_audit ON audit_log; \
         CREATE TRIGGER refuse_audit BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();"
    } else {
        "DROP TRIGGER refuse_audit; \
         CREATE TRIGGER refuse_audit BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;"
    })
    .await;
    let created = app
        .call(Method::POST, "/api/v1/organisations", &staff, Some(body))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json()["id"].clone();
    let about = entries(app, &admin, &format!("record=organisations/{id}")).await;
    assert_eq!(about.len(), 1, "{about:?}");
    assert_eq!(about[0]["status"], 201);
    assert_eq!(about[0]["route"], "POST /api/v1/organisations");
}

on_both_databases!(
    a_change_is_stored_only_with_its_entry,
    changes_and_sign_ins_are_logged_without_personal_data,
    only_the_administration_reads_the_log,
    sign_out_is_logged
);
