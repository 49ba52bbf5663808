//! Roles and scopes: invitations with one-time links, coordinators bound to their areas,
//! trainers to their own courses; outside the scope an object answers 404 or 403, never data.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

/// Invites an account and accepts the invitation; answers the new account's token.
async fn invited(app: &TestApp, admin: &str, body: Value) -> String {
    let created = app
        .call(Method::POST, "/api/v1/invitations", admin, Some(body))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let link = created.json()["link"].as_str().unwrap().to_owned();
    let token = link.rsplit('/').next().unwrap().to_owned();
    let accepted = app
        .send(
            app.client
                .post(app.url(&format!("/api/v1/invitations/{token}/accept")))
                .json(&json!({ "password": "ein-gutes-passwort" })),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.text);
    accepted.json()["token"].as_str().unwrap().to_owned()
}

async fn mentor(app: &TestApp, staff: &str, given: &str, ags: &str) -> i64 {
    let body = json!({
        "given_name": given, "family_name": "Muster", "email": format!("{}@example.org", given.to_lowercase()),
        "municipality": ags, "mentor": { "status": "active", "municipalities": [ags] }
    });
    let reply = app
        .call(Method::POST, "/api/v1/people", staff, Some(body))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json()["id"].as_i64().unwrap()
}

async fn an_invitation_link_works_once_and_only_for_what_it_says(app: &TestApp) {
    let admin = app.admin_token().await;
    let staff = app.staff_token().await;
    let body = json!({ "email": "Koordination@Esslingen.example", "display_name": "Koordination Esslingen", "role": "coordinator", "areas": ["08116"] });
    app.call(
        Method::POST,
        "/api/v1/invitations",
        &staff,
        Some(body.clone()),
    )
    .await
    .problem(403);
    let no_area = app
        .call(
            Method::POST,
            "/api/v1/invitations",
            &admin,
            Some(json!({ "email": "k@example.org", "display_name": "K", "role": "coordinator" })),
        )
        .await
        .problem(422);
    assert_eq!(no_area["errors"][0]["field"], "areas");
    app.call(
        Method::POST,
        "/api/v1/invitations",
        &admin,
        Some(json!({ "email": "m@example.org", "display_name": "M", "role": "mentor" })),
    )
    .await
    .problem(422);
    app.call(Method::POST, "/api/v1/invitations", &admin, Some(json!({ "email": "mitarbeiterin@mentorat.example", "display_name": "X", "role": "staff" }))).await.problem(409);

    let created = app
        .call(Method::POST, "/api/v1/invitations", &admin, Some(body))
        .await
        .json();
    let link = created["link"].as_str().unwrap();
    assert!(
        link.starts_with("https://mentorat.example/einladung/"),
        "{link}"
    );
    let token = link.rsplit('/').next().unwrap();
    assert!(token.len() >= 43, "a long random token: {token}");
    let shown = app
        .get(&format!("/api/v1/invitations/{token}"))
        .await
        .json();
    assert_eq!(
        (shown["email"].as_str(), shown["role"].as_str()),
        (Some("koordination@esslingen.example"), Some("coordinator"))
    );
    // The list of open invitations never shows the token again.
    let open = app
        .call(Method::GET, "/api/v1/invitations", &admin, None)
        .await;
    assert!(!open.text.contains(token));

    let accept = |password: &'static str| {
        app.send(
            app.client
                .post(app.url(&format!("/api/v1/invitations/{token}/accept")))
                .json(&json!({ "password": password })),
        )
    };
    accept("kurz").await.problem(422);
    let signed_in = accept("ein-gutes-passwort").await;
    assert_eq!(signed_in.status, StatusCode::CREATED, "{}", signed_in.text);
    assert_eq!(signed_in.json()["account"]["role"], "coordinator");
    accept("ein-gutes-passwort").await.problem(404);
    app.get("/api/v1/invitations/not-a-token")
        .await
        .problem(404);
    assert_eq!(
        app.login("koordination@esslingen.example", "ein-gutes-passwort")
            .await
            .status,
        StatusCode::OK
    );

    let accounts = app
        .call(Method::GET, "/api/v1/accounts", &admin, None)
        .await
        .json();
    let coordinator = accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["role"] == "coordinator")
        .unwrap();
    assert_eq!(coordinator["areas"], json!(["08116"]));
    app.call(Method::GET, "/api/v1/accounts", &staff, None)
        .await
        .problem(403);
}

async fn a_coordinator_sees_the_mentors_of_the_own_district_and_nothing_else(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let admin = app.admin_token().await;
    let staff = app.staff_token().await;
    let esslingen = mentor(app, &staff, "Elif", "08116019").await;
    let filderstadt = mentor(app, &staff, "Frank", "08116020").await;
    let stuttgart = mentor(app, &staff, "Sven", "08111000").await;
    let coordinator = invited(app, &admin, json!({ "email": "k@esslingen.example", "display_name": "K", "role": "coordinator", "areas": ["08116"] })).await;

    let listed = app
        .call(Method::GET, "/api/v1/people", &coordinator, None)
        .await
        .json();
    let mut ids: Vec<i64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, [esslingen, filderstadt]);
    assert_eq!(listed["total"], 2);
    // Their contact details, which the public listing does not show.
    let one = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{esslingen}"),
            &coordinator,
            None,
        )
        .await
        .json();
    assert_eq!(one["email"], "elif@example.org");
    // Another district's mentor: as if there were none, also through the filters.
    app.call(
        Method::GET,
        &format!("/api/v1/people/{stuttgart}"),
        &coordinator,
        None,
    )
    .await
    .problem(404);
    assert_eq!(
        app.call(
            Method::GET,
            "/api/v1/people?district=08111",
            &coordinator,
            None
        )
        .await
        .json()["total"],
        0
    );
    // No changes, no administration.
    app.call(
        Method::POST,
        "/api/v1/people",
        &coordinator,
        Some(json!({ "given_name": "A", "family_name": "B" })),
    )
    .await
    .problem(403);
    app.call(Method::GET, "/api/v1/audit", &coordinator, None)
        .await
        .problem(403);
    app.call(
        Method::GET,
        "/api/v1/courses/1/enrolments",
        &coordinator,
        None,
    )
    .await
    .problem(403);

    // Narrowed to one town, the coordinator's sessions end and a new sign-in sees less.
    let accounts = app
        .call(Method::GET, "/api/v1/accounts", &admin, None)
        .await
        .json();
    let account = accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["role"] == "coordinator")
        .unwrap()
        .clone();
    let change = app
        .client
        .put(app.url(&format!("/api/v1/accounts/{}", account["id"])))
        .bearer_auth(&admin)
        .json(&json!({ "role": "coordinator", "areas": ["08116020"] }));
    app.send(change.try_clone().unwrap()).await.problem(428);
    let stale = change.try_clone().unwrap().header("if-match", "\"999\"");
    app.send(stale).await.problem(412);
    let changed = app
        .send(change.header("if-match", format!("\"{}\"", account["version"])))
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    app.call(Method::GET, "/api/v1/people", &coordinator, None)
        .await
        .problem(401);
    let again = app
        .login("k@esslingen.example", "ein-gutes-passwort")
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let listed = app
        .call(Method::GET, "/api/v1/people", &again, None)
        .await
        .json();
    assert_eq!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [filderstadt]
    );
}

async fn a_trainer_keeps_attendance_of_the_own_courses_only(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let admin = app.admin_token().await;
    let staff = app.staff_token().await;
    let trainer = app.call(Method::POST, "/api/v1/people", &staff, Some(json!({
            "given_name": "Tara", "family_name": "Trainerin", "trainer": { "kind": "professional", "qualified_since": "2025-06-01" }
        }))).await.json()["id"].as_i64().unwrap();
    let participant = mentor(app, &staff, "Paul", "08111000").await;
    let mut courses = Vec::new();
    for (title, trainers) in [("Eigener Kurs", vec![trainer]), ("Fremder Kurs", vec![])] {
        let course = app.call(Method::POST, "/api/v1/courses", &staff, Some(json!({ "kind": "mentor_course", "title": title, "capacity": 5, "trainers": trainers }))).await;
        assert_eq!(course.status, StatusCode::CREATED, "{}", course.text);
        let id = course.json()["id"].as_i64().unwrap();
        let session = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/sessions"),
                &staff,
                Some(json!({ "date": "2026-02-01", "start": "18:00:00", "end": "21:00:00" })),
            )
            .await
            .json()["sessions"][0]["id"]
            .as_i64()
            .unwrap();
        app.call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/status"),
            &staff,
            Some(json!({ "status": "registration_open" })),
        )
        .await;
        let enrolment = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/enrolments"),
                &staff,
                Some(json!({ "person_id": participant })),
            )
            .await
            .json()[0]["id"]
            .as_i64()
            .unwrap();
        courses.push((id, session, enrolment));
    }
    let token = invited(app, &admin, json!({ "email": "tara@example.org", "display_name": "Tara", "role": "trainer", "person_id": trainer })).await;
    let (own, own_session, own_enrolment) = courses[0];
    let (other, other_session, other_enrolment) = courses[1];

    assert_eq!(
        app.call(
            Method::GET,
            &format!("/api/v1/courses/{own}/enrolments"),
            &token,
            None
        )
        .await
        .status,
        StatusCode::OK
    );
    let marked = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{own}/sessions/{own_session}/attendance"),
            &token,
            Some(json!([{ "enrolment_id": own_enrolment, "status": "present" }])),
        )
        .await;
    assert_eq!(marked.status, StatusCode::OK, "{}", marked.text);
    assert_eq!(marked.json()["rows"][0]["total_hours"], 3.0);

    app.call(
        Method::GET,
        &format!("/api/v1/courses/{other}/enrolments"),
        &token,
        None,
    )
    .await
    .problem(404);
    app.call(
        Method::GET,
        &format!("/api/v1/courses/{other}/attendance"),
        &token,
        None,
    )
    .await
    .problem(404);
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{other}/sessions/{other_session}/attendance"),
        &token,
        Some(json!([{ "enrolment_id": other_enrolment, "status": "present" }])),
    )
    .await
    .problem(404);
    // Their own person record, nobody else's, and no lists or changes of people or courses.
    assert_eq!(
        app.call(
            Method::GET,
            &format!("/api/v1/people/{trainer}"),
            &token,
            None
        )
        .await
        .status,
        StatusCode::OK
    );
    app.call(
        Method::GET,
        &format!("/api/v1/people/{participant}"),
        &token,
        None,
    )
    .await
    .problem(404);
    app.call(Method::GET, "/api/v1/people", &token, None)
        .await
        .problem(403);
    app.call(
        Method::POST,
        "/api/v1/courses",
        &token,
        Some(json!({ "kind": "mentor_course", "title": "X", "capacity": 3 })),
    )
    .await
    .problem(403);
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{own}/status"),
        &token,
        Some(json!({ "status": "running" })),
    )
    .await
    .problem(403);
}

async fn forged_tokens_are_refused(app: &TestApp) {
    let token = app.staff_token().await;
    let payload = token.split('.').nth(1).unwrap();
    // {"alg":"none","typ":"JWT"} with the real claims and no signature.
    let unsigned = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.");
    let mut tampered = token.clone();
    tampered.replace_range(token.len() - 4.., "AAAA");
    for forged in [
        unsigned.as_str(),
        tampered.as_str(),
        "Bearer",
        "not.a.token",
    ] {
        app.call(Method::GET, "/api/v1/auth/me", forged, None)
            .await
            .problem(401);
        app.call(Method::GET, "/api/v1/people", forged, None)
            .await
            .problem(401);
    }
}

/// An admin changing their own account keeps the session that made the change; the account's
/// other sessions end, as for any change of access.
async fn changing_the_own_account_keeps_the_current_session(app: &TestApp) {
    let admin = app.admin_token().await;
    let other_session = app.admin_token().await;
    let me = app
        .call(Method::GET, "/api/v1/auth/me", &admin, None)
        .await
        .json();
    let account = app
        .call(Method::GET, "/api/v1/accounts", &admin, None)
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == me["id"])
        .unwrap()
        .clone();
    let changed = app
        .send(
            app.client
                .put(app.url(&format!("/api/v1/accounts/{}", account["id"])))
                .bearer_auth(&admin)
                .header("if-match", format!("\"{}\"", account["version"]))
                .json(&json!({ "role": "admin", "areas": [] })),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    assert_eq!(
        changed.json()["version"],
        account["version"].as_i64().unwrap() + 1
    );
    let still = app
        .call(Method::GET, "/api/v1/accounts", &admin, None)
        .await;
    assert_eq!(
        still.status,
        StatusCode::OK,
        "the session that made the change stays"
    );
    app.call(Method::GET, "/api/v1/accounts", &other_session, None)
        .await
        .problem(401);
}

on_both_databases!(
    changing_the_own_account_keeps_the_current_session,
    an_invitation_link_works_once_and_only_for_what_it_says,
    a_coordinator_sees_the_mentors_of_the_own_district_and_nothing_else,
    a_trainer_keeps_attendance_of_the_own_courses_only,
    forged_tokens_are_refused
);
