//! API clients: created by admins with a secret shown once, exchanged for short-lived tokens
//! (OAuth2 client credentials), limited to their scopes and rate, rotated and revoked.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

async fn client(app: &TestApp, admin: &str, scopes: &[&str], rate_limit: i32) -> Value {
    let reply = app.call(Method::POST, "/api/v1/clients", admin, Some(json!({ "name": "Gemeinde-Portal", "organisation": "Stadt Esslingen", "scopes": scopes, "rate_limit": rate_limit }))).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json()
}

async fn token_request(app: &TestApp, form: &[(&str, &str)]) -> tests::Reply {
    app.send(app.client.post(app.url("/api/v1/oauth/token")).form(form))
        .await
}

async fn token(app: &TestApp, credentials: &Value) -> String {
    let id = credentials["client_id"].as_str().unwrap();
    let secret = credentials["client_secret"].as_str().unwrap();
    let reply = token_request(
        app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", secret),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = reply.json();
    assert_eq!(
        (body["token_type"].as_str(), body["expires_in"].as_i64()),
        (Some("Bearer"), Some(900))
    );
    body["access_token"].as_str().unwrap().to_owned()
}

async fn a_client_reads_within_its_scopes_only(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let admin = app.admin_token().await;
    let staff = app.staff_token().await;
    app.call(
        Method::POST,
        "/api/v1/clients",
        &staff,
        Some(json!({ "name": "X", "scopes": ["mentors:read"] })),
    )
    .await
    .problem(403);
    app.call(
        Method::POST,
        "/api/v1/clients",
        &admin,
        Some(json!({ "name": "X", "scopes": [] })),
    )
    .await
    .problem(422);
    let credentials = client(app, &admin, &["mentors:read", "courses:read"], 600).await;
    let secret = credentials["client_secret"].as_str().unwrap().to_owned();
    assert!(secret.len() >= 43);
    assert!(
        !app.call(Method::GET, "/api/v1/clients", &admin, None)
            .await
            .text
            .contains(&secret),
        "the secret is shown once only"
    );

    let mentor = app.call(Method::POST, "/api/v1/people", &staff, Some(json!({
            "given_name": "Mia", "family_name": "Mentorin", "municipality": "08116019", "mentor": { "status": "active", "municipalities": ["08116019"] }
        }))).await.json()["id"].as_i64().unwrap();
    let trainer = app.call(Method::POST, "/api/v1/people", &staff, Some(json!({ "given_name": "Tom", "family_name": "Trainer", "trainer": { "kind": "citizen" } }))).await.json()["id"].as_i64().unwrap();
    let course = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &staff,
            Some(json!({ "kind": "mentor_course", "title": "Kurs", "capacity": 5 })),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();

    // Wrong requests to the token endpoint.
    let id = credentials["client_id"].as_str().unwrap();
    token_request(
        app,
        &[
            ("grant_type", "password"),
            ("client_id", id),
            ("client_secret", &secret),
        ],
    )
    .await
    .problem(400);
    token_request(
        app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", "falsch"),
        ],
    )
    .await
    .problem(401);
    token_request(
        app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", &secret),
            ("scope", "courses:write"),
        ],
    )
    .await
    .problem(400);
    // HTTP Basic works too, and a narrower scope can be asked for.
    let basic = app
        .send(
            app.client
                .post(app.url("/api/v1/oauth/token"))
                .basic_auth(id, Some(&secret))
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("scope", "mentors:read"),
                ]),
        )
        .await;
    assert_eq!(basic.json()["scope"], "mentors:read");

    let token = token(app, &credentials).await;
    let people = app
        .call(Method::GET, "/api/v1/people", &token, None)
        .await
        .json();
    assert_eq!(
        people["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [mentor],
        "mentors only"
    );
    assert_eq!(
        app.call(
            Method::GET,
            &format!("/api/v1/people/{mentor}"),
            &token,
            None
        )
        .await
        .status,
        StatusCode::OK
    );
    app.call(
        Method::GET,
        &format!("/api/v1/people/{trainer}"),
        &token,
        None,
    )
    .await
    .problem(404);
    assert_eq!(
        app.call(
            Method::GET,
            &format!("/api/v1/courses/{course}/enrolments"),
            &token,
            None
        )
        .await
        .status,
        StatusCode::OK
    );
    // Nothing beyond the scopes, and a client is no account.
    app.call(
        Method::POST,
        "/api/v1/courses",
        &token,
        Some(json!({ "kind": "mentor_course", "title": "X", "capacity": 3 })),
    )
    .await
    .problem(403);
    app.call(
        Method::POST,
        "/api/v1/people",
        &token,
        Some(json!({ "given_name": "A", "family_name": "B" })),
    )
    .await
    .problem(401);
    app.call(Method::GET, "/api/v1/auth/me", &token, None)
        .await
        .problem(401);
    app.call(Method::GET, "/api/v1/audit", &token, None)
        .await
        .problem(401);
}

async fn rotating_and_revoking_end_secrets_and_tokens(app: &TestApp) {
    let admin = app.admin_token().await;
    let credentials = client(app, &admin, &["courses:write"], 600).await;
    let id = credentials["client"]["id"].as_i64().unwrap();
    let old_token = token(app, &credentials).await;
    let created = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &old_token,
            Some(json!({ "kind": "mentor_course", "title": "Über die API", "capacity": 8 })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    // The audit log names the client.
    let course = created.json()["id"].clone();
    let log = app
        .call(
            Method::GET,
            &format!("/api/v1/audit?record=courses/{course}"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(log["items"][0]["client_id"], id);
    assert!(log["items"][0]["account_id"].is_null());

    let rotated = app
        .call(
            Method::POST,
            &format!("/api/v1/clients/{id}/secret"),
            &admin,
            None,
        )
        .await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.text);
    let rotated = rotated.json();
    assert_ne!(rotated["client_secret"], credentials["client_secret"]);
    app.call(
        Method::POST,
        "/api/v1/courses",
        &old_token,
        Some(json!({ "kind": "mentor_course", "title": "X", "capacity": 8 })),
    )
    .await
    .problem(401);
    let old = [
        ("grant_type", "client_credentials"),
        ("client_id", credentials["client_id"].as_str().unwrap()),
        (
            "client_secret",
            credentials["client_secret"].as_str().unwrap(),
        ),
    ];
    token_request(app, &old).await.problem(401);
    let new_token = token(app, &rotated).await;
    assert_eq!(
        app.call(
            Method::GET,
            &format!("/api/v1/courses/{course}"),
            &new_token,
            None
        )
        .await
        .status,
        StatusCode::OK
    );

    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/api/v1/clients/{id}"),
            &admin,
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    app.call(
        Method::POST,
        "/api/v1/courses",
        &new_token,
        Some(json!({ "kind": "mentor_course", "title": "X", "capacity": 8 })),
    )
    .await
    .problem(401);
    let new = [
        ("grant_type", "client_credentials"),
        ("client_id", rotated["client_id"].as_str().unwrap()),
        ("client_secret", rotated["client_secret"].as_str().unwrap()),
    ];
    token_request(app, &new).await.problem(401);
    let listed = app
        .call(Method::GET, "/api/v1/clients", &admin, None)
        .await
        .json();
    assert!(listed[0]["revoked_at"].is_string());
}

async fn each_client_has_its_rate_limit(app: &TestApp) {
    let admin = app.admin_token().await;
    let slow = token(app, &client(app, &admin, &["mentors:read"], 3).await).await;
    let other = token(app, &client(app, &admin, &["mentors:read"], 3).await).await;
    // Three a minute, counted from the first; the fourth waits until that minute is over.
    for _ in 0..3 {
        let reply = app.call(Method::GET, "/api/v1/people", &slow, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }
    let limited = app.call(Method::GET, "/api/v1/people", &slow, None).await;
    limited.problem(429);
    let wait: i64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(
        app.call(Method::GET, "/api/v1/people", &other, None)
            .await
            .status,
        StatusCode::OK,
        "another client is not slowed down"
    );
}

/// The limit is counted in the database: 40 parallel requests spread over two server
/// instances on one database let exactly the allowed number through.
async fn a_client_limit_holds_across_two_instances(app: &TestApp) {
    let admin = app.admin_token().await;
    let client_token = token(app, &client(app, &admin, &["mentors:read"], 10).await).await;
    let second = app.second_instance().await;
    let replies = futures::future::join_all((0..40).map(|i| {
        let server = if i % 2 == 0 { app } else { &second };
        server.call(Method::GET, "/api/v1/people?limit=1", &client_token, None)
    }))
    .await;
    let passed = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let limited = replies
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (passed, limited),
        (10, 30),
        "every request is either let through or limited"
    );
    second.stop().await;
}

on_both_databases!(
    a_client_reads_within_its_scopes_only,
    rotating_and_revoking_end_secrets_and_tokens,
    each_client_has_its_rate_limit,
    a_client_limit_holds_across_two_instances
);
