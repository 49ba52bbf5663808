//! Every guarded endpoint against every kind of caller: anonymous, forged or stale tokens, the
//! five roles and an API client. The expected status says who gets the data; everybody else
//! gets 401, 403 or 404, never the data.

use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};
use tests::{spawn_with, Database, Method, Options, StatusCode};

const SECRET: &str = "a-test-secret-of-at-least-thirty-two-bytes";
const CALLERS: [&str; 11] = [
    "anonymous",
    "alg:none",
    "expired",
    "other audience",
    "other key",
    "admin",
    "staff",
    "coordinator",
    "trainer",
    "mentor",
    "client",
];

fn signed(key: &str, claims: Value) -> String {
    encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(key.as_bytes()),
    )
    .unwrap()
}

/// Tokens that must not open anything, made from a real staff token's claims.
fn forged(staff: &str) -> [String; 4] {
    use base64::Engine;
    let payload = staff.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut c = claims.clone();
        edit(&mut c);
        c
    };
    let now = chrono::Utc::now().timestamp();
    [
        format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}."),
        signed(
            SECRET,
            with(&|c| {
                c["exp"] = json!(now - 3600);
                c["nbf"] = json!(now - 7200);
                c["iat"] = json!(now - 7200);
            }),
        ),
        signed(SECRET, with(&|c| c["aud"] = json!("another-api"))),
        signed(
            "another-secret-of-at-least-thirty-two-bytes",
            claims.clone(),
        ),
    ]
}

async fn matrix(database: Database) {
    let app = spawn_with(
        database,
        Options {
            jwt_secret: Some(SECRET.into()),
            ..Options::default()
        },
    )
    .await;
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let admin = app.admin_token().await;
    let staff = app.staff_token().await;
    let person = |given: &str, ags: &str| json!({ "given_name": given, "family_name": "Muster", "municipality": ags, "mentor": { "status": "active", "municipalities": [ags] } });
    let own = app
        .call(
            Method::POST,
            "/api/v1/people",
            &staff,
            Some(person("Mona", "08116019")),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let other = app
        .call(
            Method::POST,
            "/api/v1/people",
            &staff,
            Some(person("Otto", "08111000")),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let trainer = app.call(Method::POST, "/api/v1/people", &staff, Some(json!({ "given_name": "Tina", "family_name": "Muster", "trainer": { "kind": "professional", "qualified_since": "2025-01-01" } }))).await.json()["id"].as_i64().unwrap();
    let course = |title: &str, trainers: Vec<i64>| json!({ "kind": "mentor_course", "title": title, "capacity": 9, "trainers": trainers });
    let led = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &staff,
            Some(course("Geleitet", vec![trainer])),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let foreign = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &staff,
            Some(course("Fremd", vec![])),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let session = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{led}/sessions"),
            &staff,
            Some(json!({ "date": "2026-01-01", "start": "10:00:00", "end": "12:00:00" })),
        )
        .await
        .json()["sessions"][0]["id"]
        .as_i64()
        .unwrap();
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{led}/status"),
        &staff,
        Some(json!({ "status": "registration_open" })),
    )
    .await;
    let enrolment = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{led}/enrolments"),
            &staff,
            Some(json!({ "person_id": own })),
        )
        .await
        .json()[0]["id"]
        .as_i64()
        .unwrap();

    let coordinator = app.invite_and_accept(&admin, json!({ "email": "k@example.org", "display_name": "K", "role": "coordinator", "areas": ["08116"] })).await;
    let trainer_token = app.invite_and_accept(&admin, json!({ "email": "t@example.org", "display_name": "T", "role": "trainer", "person_id": trainer })).await;
    let mentor = app.invite_and_accept(&admin, json!({ "email": "m@example.org", "display_name": "M", "role": "mentor", "person_id": own })).await;
    let credentials = app.call(Method::POST, "/api/v1/clients", &admin, Some(json!({ "name": "Portal", "scopes": ["mentors:read", "courses:read", "courses:write"] }))).await.json();
    let client = app
        .send(app.client.post(app.url("/api/v1/oauth/token")).form(&[
            ("grant_type", "client_credentials"),
            ("client_id", credentials["client_id"].as_str().unwrap()),
            (
                "client_secret",
                credentials["client_secret"].as_str().unwrap(),
            ),
        ]))
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let [none, expired, audience, key] = forged(&staff);
    let tokens: [Option<String>; 11] = [
        None,
        Some(none),
        Some(expired),
        Some(audience),
        Some(key),
        Some(admin),
        Some(staff),
        Some(coordinator),
        Some(trainer_token),
        Some(mentor),
        Some(client),
    ];

    type Row = (Method, String, Option<Value>, [u16; 6]);
    // Expected for admin, staff, coordinator, trainer, mentor, client; anonymous and forged tokens
    // always 401. Changes use requests that are harmless once let in (unknown ids, invalid
    // bodies), so the status tells who got through.
    const NOBODY: i64 = 999_999;
    let rows: Vec<Row> = vec![
        (
            Method::GET,
            "/api/v1/auth/me".into(),
            None,
            [200, 200, 200, 200, 200, 401],
        ),
        (
            Method::GET,
            "/api/v1/people".into(),
            None,
            [200, 200, 200, 403, 403, 200],
        ),
        (
            Method::GET,
            format!("/api/v1/people/{own}"),
            None,
            [200, 200, 200, 404, 200, 200],
        ),
        (
            Method::GET,
            format!("/api/v1/people/{other}"),
            None,
            [200, 200, 404, 404, 404, 200],
        ),
        (
            Method::GET,
            format!("/api/v1/people/{trainer}"),
            None,
            [200, 200, 404, 200, 404, 404],
        ),
        (
            Method::GET,
            format!("/api/v1/people/{own}/export"),
            None,
            [200, 200, 403, 404, 200, 403],
        ),
        (
            Method::GET,
            format!("/api/v1/people/{other}/export"),
            None,
            [200, 200, 403, 404, 404, 403],
        ),
        (
            Method::PUT,
            format!("/api/v1/people/{own}/consent"),
            Some(json!({ "level": "contact" })),
            [200, 200, 403, 404, 200, 403],
        ),
        (
            Method::PUT,
            format!("/api/v1/people/{other}/consent"),
            Some(json!({ "level": "contact" })),
            [200, 200, 403, 404, 404, 403],
        ),
        (
            Method::PUT,
            format!("/api/v1/people/{own}/profile"),
            Some(json!({ "email": "mona@example.org" })),
            [200, 200, 403, 404, 200, 403],
        ),
        (
            Method::PUT,
            format!("/api/v1/people/{other}/profile"),
            Some(json!({ "email": "otto@example.org" })),
            [200, 200, 403, 404, 404, 403],
        ),
        (
            Method::GET,
            format!("/api/v1/courses/{led}/enrolments"),
            None,
            [200, 200, 403, 200, 404, 200],
        ),
        (
            Method::GET,
            format!("/api/v1/courses/{foreign}/enrolments"),
            None,
            [200, 200, 403, 404, 404, 200],
        ),
        (
            Method::GET,
            format!("/api/v1/courses/{led}/attendance"),
            None,
            [200, 200, 403, 200, 404, 200],
        ),
        (
            Method::PUT,
            format!("/api/v1/courses/{led}/sessions/{session}/attendance"),
            Some(json!([{ "enrolment_id": enrolment, "status": "present" }])),
            [200, 200, 403, 200, 404, 200],
        ),
        (
            Method::POST,
            "/api/v1/courses".into(),
            Some(course("Neu", vec![])),
            [201, 201, 403, 403, 403, 201],
        ),
        (
            Method::GET,
            format!("/api/v1/courses/{led}/certificates"),
            None,
            [200, 200, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            "/api/v1/fields".into(),
            Some(json!({ "name_de": "" })),
            [422, 422, 403, 403, 403, 401],
        ),
        (
            Method::GET,
            "/api/v1/erasure-requests".into(),
            None,
            [200, 200, 403, 403, 403, 401],
        ),
        (
            Method::GET,
            "/api/v1/audit".into(),
            None,
            [200, 403, 403, 403, 403, 401],
        ),
        (
            Method::GET,
            "/api/v1/accounts".into(),
            None,
            [200, 403, 403, 403, 403, 401],
        ),
        (
            Method::GET,
            "/api/v1/invitations".into(),
            None,
            [200, 403, 403, 403, 403, 401],
        ),
        (
            Method::GET,
            "/api/v1/clients".into(),
            None,
            [200, 403, 403, 403, 403, 401],
        ),
        (
            Method::GET,
            "/api/v1/outbox".into(),
            None,
            [200, 403, 403, 403, 403, 401],
        ),
        (
            Method::PUT,
            "/api/v1/auth/password".into(),
            Some(json!({ "current_password": "x", "new_password": "kurz" })),
            [422, 422, 422, 422, 422, 401],
        ),
        (
            Method::DELETE,
            format!("/api/v1/fields/{NOBODY}"),
            None,
            [404, 404, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            "/api/v1/organisations".into(),
            Some(json!({ "kind": "association", "name": "" })),
            [422, 422, 403, 403, 403, 401],
        ),
        (
            Method::DELETE,
            format!("/api/v1/organisations/{NOBODY}"),
            None,
            [404, 404, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            "/api/v1/people".into(),
            Some(json!({ "given_name": "", "family_name": "" })),
            [422, 422, 403, 403, 403, 401],
        ),
        // Let in, a change without If-Match is refused before anything is looked up.
        (
            Method::PUT,
            format!("/api/v1/people/{NOBODY}"),
            Some(json!({ "given_name": "A", "family_name": "B" })),
            [428, 428, 403, 403, 403, 401],
        ),
        (
            Method::DELETE,
            format!("/api/v1/people/{NOBODY}"),
            None,
            [404, 404, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/people/{NOBODY}/merge"),
            Some(json!({ "duplicate_id": NOBODY - 1 })),
            [404, 404, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/people/{other}/erasure-request"),
            None,
            [202, 202, 403, 404, 404, 403],
        ),
        (
            Method::PUT,
            format!("/api/v1/courses/{NOBODY}"),
            Some(course("X", vec![])),
            [428, 428, 403, 403, 403, 428],
        ),
        (
            Method::PUT,
            format!("/api/v1/courses/{foreign}/status"),
            Some(json!({ "status": "completed" })),
            [409, 409, 403, 403, 403, 409],
        ),
        (
            Method::POST,
            format!("/api/v1/courses/{NOBODY}/sessions"),
            Some(json!({})),
            [404, 404, 403, 403, 403, 404],
        ),
        (
            Method::DELETE,
            format!("/api/v1/courses/{led}/sessions/{NOBODY}"),
            None,
            [404, 404, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            format!("/api/v1/courses/{led}/enrolments"),
            Some(json!({ "person_id": NOBODY })),
            [422, 422, 403, 403, 403, 401],
        ),
        (
            Method::PUT,
            format!("/api/v1/courses/{led}/enrolments/{NOBODY}"),
            Some(json!({ "status": "cancelled" })),
            [404, 404, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/courses/{led}/certificates"),
            Some(json!({ "enrolment_id": enrolment })),
            [409, 409, 403, 403, 403, 401],
        ),
        (
            Method::GET,
            format!("/api/v1/certificates/{NOBODY}"),
            None,
            [404, 404, 403, 403, 403, 401],
        ),
        (
            Method::GET,
            format!("/api/v1/certificates/{NOBODY}/pdf"),
            None,
            [404, 404, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/certificates/{NOBODY}/revocation"),
            Some(json!({ "reason": "Irrtümlich ausgestellt" })),
            [404, 404, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            "/api/v1/invitations".into(),
            Some(json!({ "email": "kaputt", "display_name": "", "role": "staff" })),
            [422, 403, 403, 403, 403, 401],
        ),
        (
            Method::PUT,
            format!("/api/v1/accounts/{NOBODY}"),
            Some(json!({ "role": "staff" })),
            [428, 403, 403, 403, 403, 401],
        ),
        (
            Method::DELETE,
            format!("/api/v1/accounts/{NOBODY}"),
            None,
            [404, 403, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            "/api/v1/clients".into(),
            Some(json!({ "name": "", "scopes": [] })),
            [422, 403, 403, 403, 403, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{NOBODY}/secret"),
            None,
            [404, 403, 403, 403, 403, 401],
        ),
        (
            Method::DELETE,
            format!("/api/v1/clients/{NOBODY}"),
            None,
            [404, 403, 403, 403, 403, 401],
        ),
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &rows {
        for (i, token) in tokens.iter().enumerate() {
            let want = if i < 5 { 401 } else { expected[i - 5] };
            let mut request = app.client.request(method.clone(), app.url(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            let reply = app.send(request).await;
            if reply.status.as_u16() != want {
                wrong.push(format!(
                    "{method} {path} as {}: {} instead of {want}",
                    CALLERS[i],
                    reply.status.as_u16()
                ));
            }
            if !reply.status.is_success()
                && want >= 400
                && reply.status != StatusCode::UNPROCESSABLE_ENTITY
            {
                assert!(
                    !reply.text.contains("Muster"),
                    "{method} {path} as {} leaks data: {}",
                    CALLERS[i],
                    reply.text
                );
            }
        }
    }
    // Public reads answer everyone alike, whatever token comes along.
    let public = [
        "/api/v1/courses",
        "/api/v1/sessions",
        "/api/v1/public/courses",
        "/api/v1/public/mentors",
        "/api/v1/fields",
        "/api/v1/organisations",
        "/api/v1/districts",
    ];
    for path in public {
        for (i, token) in tokens.iter().enumerate() {
            let mut request = app.client.get(app.url(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let status = app.send(request).await.status.as_u16();
            if status != 200 {
                wrong.push(format!(
                    "GET {path} as {}: {status} instead of 200",
                    CALLERS[i]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} answers differ:\n{}",
        wrong.len(),
        (rows.len() + public.len()) * tokens.len(),
        wrong.join("\n")
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_for_every_caller_on_sqlite() {
    matrix(Database::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_for_every_caller_on_postgres() {
    matrix(Database::Postgres).await;
}
