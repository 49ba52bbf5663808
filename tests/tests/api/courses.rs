//! Courses: planning, status transitions, sessions and their hours.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

fn course(title: &str, kind: &str) -> Value {
    json!({
        "kind": kind,
        "title": title,
        "venue": { "name": "Bürgerhaus", "address": "Marktplatz 1, 73728 Esslingen am Neckar" },
        "municipality": "08116019",
        "topics": ["Rolle der Mentorin", "Projektplanung"],
        "capacity": 16
    })
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let reply = app
        .call(Method::POST, "/api/v1/courses", token, Some(body))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json()
}

async fn status(app: &TestApp, token: &str, id: &Value, to: &str) -> tests::Reply {
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{id}/status"),
        token,
        Some(json!({ "status": to })),
    )
    .await
}

async fn a_course_is_planned_and_listed_publicly(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    app.send(
        app.client
            .post(app.url("/api/v1/courses"))
            .json(&course("Mentorenkurs Esslingen", "mentor_course")),
    )
    .await
    .problem(401);
    let created = create(
        app,
        &token,
        course("Mentorenkurs Esslingen", "mentor_course"),
    )
    .await;
    assert_eq!(
        (
            created["status"].as_str(),
            created["required_hours"].as_f64()
        ),
        (Some("planned"), Some(40.0))
    );
    assert_eq!(
        created["topics"],
        json!(["Rolle der Mentorin", "Projektplanung"])
    );
    assert_eq!(created["municipality"]["name"], "Esslingen am Neckar");
    let read = app.get(&format!("/api/v1/courses/{}", created["id"])).await;
    assert_eq!(read.status, StatusCode::OK, "course reads are public");
    let mut bad = course(" ", "mentor_course");
    bad["capacity"] = json!(0);
    let problem = app
        .call(Method::POST, "/api/v1/courses", &token, Some(bad))
        .await
        .problem(422);
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "capacity"]);
}

async fn only_sensible_status_changes(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let mut body = course("Kurs", "mentor_course");
    body["trainers"] = app.qualified_tandem(&token).await;
    let c = create(app, &token, body).await;
    let id = &c["id"];
    for date in ["2026-02-01", "2026-04-26"] {
        session(
            app,
            &token,
            id,
            json!({ "date": date, "start": "18:00:00", "end": "21:00:00" }),
        )
        .await;
    }
    status(app, &token, id, "completed").await.problem(409);
    for step in ["registration_open", "full", "running", "completed"] {
        let reply = status(app, &token, id, step).await;
        assert_eq!(reply.status, StatusCode::OK, "{step}: {}", reply.text);
        assert_eq!(reply.json()["status"], step);
    }
    status(app, &token, id, "running").await.problem(409);
    status(app, &token, id, "cancelled").await.problem(409);
}

async fn session(app: &TestApp, token: &str, course: &Value, body: Value) -> Value {
    let reply = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{course}/sessions"),
            token,
            Some(body),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json()
}

async fn record(
    app: &TestApp,
    token: &str,
    course: &Value,
    session: &Value,
    marks: &Value,
) -> tests::Reply {
    let path = format!("/api/v1/courses/{course}/sessions/{session}/attendance");
    app.call(Method::PUT, &path, token, Some(marks.clone()))
        .await
}

async fn remove_session(
    app: &TestApp,
    token: &str,
    course: &Value,
    session: &Value,
) -> tests::Reply {
    let path = format!("/api/v1/courses/{course}/sessions/{session}");
    app.call(Method::DELETE, &path, token, None).await
}

/// Completing the course is refused with `code`; returns the problem.
async fn refused(app: &TestApp, token: &str, course: &Value, code: &str) -> Value {
    let problem = status(app, token, course, "completed").await.problem(409);
    assert_eq!(problem["code"], code, "{problem}");
    problem
}

/// Only what happened is recorded and completed: attendance for past sessions only; a course
/// is completed once every session is dated and past, under a qualified tandem, and an unusual
/// period needs a reason, which is kept. Certificates carry the completion date.
async fn only_what_happened_is_recorded_and_completed(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let mut planned = course("Kurs ohne Tandem", "mentor_course");
    planned["required_hours"] = json!(3.5);
    let c = create(app, &token, planned).await;
    let id = &c["id"];
    session(
        app,
        &token,
        id,
        json!({ "date": "2026-03-02", "start": "18:00:00", "end": "21:30:00" }),
    )
    .await;
    session(
        app,
        &token,
        id,
        json!({ "start": "18:00:00", "end": "21:30:00" }),
    )
    .await;
    let ahead = session(
        app,
        &token,
        id,
        json!({ "date": "2099-03-09", "start": "18:00:00", "end": "21:30:00" }),
    )
    .await;
    let sessions = ahead["sessions"].as_array().unwrap().clone();
    let (past, later, undated) = (&sessions[0]["id"], &sessions[1]["id"], &sessions[2]["id"]);
    assert_eq!(
        sessions[2]["date"],
        Value::Null,
        "undated sessions come last"
    );

    let person = app
        .call(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(json!({ "given_name": "Ida", "family_name": "Ist" })),
        )
        .await
        .json();
    let enrolled = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{id}/enrolments"),
            &token,
            Some(json!({ "person_id": person["id"] })),
        )
        .await;
    assert_eq!(enrolled.status, StatusCode::CREATED, "{}", enrolled.text);
    let marks = json!([{ "enrolment_id": enrolled.json()[0]["id"], "status": "present" }]);
    assert_eq!(
        record(app, &token, id, past, &marks).await.status,
        StatusCode::OK
    );
    assert_eq!(
        record(app, &token, id, later, &marks).await.problem(409)["code"],
        "session_ahead"
    );
    assert_eq!(
        record(app, &token, id, undated, &marks).await.problem(409)["code"],
        "session_undated"
    );

    for step in ["registration_open", "running"] {
        let reply = status(app, &token, id, step).await;
        assert_eq!(reply.status, StatusCode::OK, "{step}: {}", reply.text);
    }
    let problem = refused(app, &token, id, "undated_sessions").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("ohne Datum"),
        "{problem}"
    );
    assert_eq!(
        remove_session(app, &token, id, undated).await.status,
        StatusCode::OK
    );
    let problem = refused(app, &token, id, "sessions_ahead").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("09.03.2099"),
        "{problem}"
    );
    assert_eq!(
        remove_session(app, &token, id, later).await.status,
        StatusCode::OK
    );
    refused(app, &token, id, "no_tandem").await;

    // With a qualified tandem, one evening is far from three months: a reason is asked for …
    let mut body = course("Kurs ohne Tandem", "mentor_course");
    body["required_hours"] = json!(3.5);
    body["trainers"] = app.qualified_tandem(&token).await;
    let current = app.get(&format!("/api/v1/courses/{id}")).await;
    let put = app
        .send(
            app.client
                .put(app.url(&format!("/api/v1/courses/{id}")))
                .bearer_auth(&token)
                .header("If-Match", current.header("etag").unwrap())
                .json(&body),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text);
    refused(app, &token, id, "unusual_period").await;
    let blank = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/status"),
            &token,
            Some(json!({ "status": "completed", "reason": "  " })),
        )
        .await;
    assert_eq!(blank.problem(409)["code"], "unusual_period");
    // … and kept with the course, which now carries its completion date.
    let reason =
        "Kompaktkurs an einem Abend für erfahrene Engagierte (Absprache mit dem Ministerium)";
    let completed = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/status"),
            &token,
            Some(json!({ "status": "completed", "reason": reason })),
        )
        .await;
    assert_eq!(completed.status, StatusCode::OK, "{}", completed.text);
    let completed = completed.json();
    assert_eq!(completed["completion_reason"], reason);
    let completed_on = completed["completed_on"]
        .as_str()
        .expect("a completion date")
        .to_owned();
    assert!(completed_on.as_str() >= "2026-11-26", "{completed_on}");

    let certificate = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{id}/certificates"),
            &token,
            Some(json!({ "enrolment_id": enrolled.json()[0]["id"] })),
        )
        .await;
    assert_eq!(
        certificate.status,
        StatusCode::CREATED,
        "{}",
        certificate.text
    );
    assert_eq!(certificate.json()["issued_on"], completed_on.as_str());
}

async fn only_qualified_trainers_lead_a_mentor_course(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let person = |given: &str, trainer: Value| json!({ "given_name": given, "family_name": "Trainer", "trainer": trainer });
    let new = app
        .call(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(person("Neu", json!({ "kind": "citizen" }))),
        )
        .await
        .json();
    let qualified = app
        .call(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(person(
                "Erfahren",
                json!({ "kind": "professional", "qualified_since": "2024-05-01" }),
            )),
        )
        .await
        .json();
    let mut body = course("Kurs", "mentor_course");
    body["trainers"] = json!([new["id"], qualified["id"]]);
    let problem = app
        .call(Method::POST, "/api/v1/courses", &token, Some(body.clone()))
        .await
        .problem(422);
    assert_eq!(problem["errors"][0]["field"], "trainers");
    body["trainers"] = json!([qualified["id"]]);
    assert_eq!(
        create(app, &token, body).await["trainers"],
        json!([qualified["id"]])
    );
}

async fn sessions_have_hours_and_can_move(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let c = create(app, &token, course("Kurs", "mentor_course")).await;
    let sessions = format!("/api/v1/courses/{}/sessions", c["id"]);
    let add = |body: Value| {
        let (app, token, sessions) = (&app, token.clone(), sessions.clone());
        async move { app.call(Method::POST, &sessions, &token, Some(body)).await }
    };
    assert_eq!(
        add(json!({ "topic": "Abschluss" })).await.status,
        StatusCode::CREATED,
        "a date to be fixed with the participants"
    );
    let reply = add(
        json!({ "date": "2027-02-10", "start": "18:00:00", "end": "21:30:00", "topic": "Auftakt" }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let course = reply.json();
    let list = course["sessions"].as_array().unwrap();
    assert_eq!(list[0]["topic"], "Auftakt", "dated sessions first");
    assert_eq!(list[0]["hours"], 3.5);
    assert_eq!(list[1]["date"], Value::Null);
    assert_eq!(course["planned_hours"], 3.5);
    add(json!({ "date": "2027-02-11", "start": "12:00:00", "end": "11:00:00" }))
        .await
        .problem(422);

    let first = list[0]["id"].clone();
    let moved = app.call(Method::PUT, &format!("{sessions}/{first}"), &token, Some(json!({ "date": "2027-03-03", "start": "17:00:00", "end": "21:00:00", "topic": "Auftakt" }))).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let moved = moved.json();
    assert_eq!(
        moved["sessions"][0]["id"], first,
        "a moved session keeps its identity"
    );
    assert_eq!(moved["sessions"][0]["date"], "2027-03-03");
    assert_eq!(moved["planned_hours"], 4.0);
    let removed = app
        .call(Method::DELETE, &format!("{sessions}/{first}"), &token, None)
        .await;
    assert_eq!(removed.json()["sessions"].as_array().unwrap().len(), 1);
    app.call(Method::DELETE, &format!("{sessions}/{first}"), &token, None)
        .await
        .problem(404);
}

async fn trainer_course_days_and_list_filters(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let trainer_course = create(
        app,
        &token,
        course("Mentorentrainerkurs 2027", "trainer_course"),
    )
    .await;
    let day = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{}/sessions", trainer_course["id"]),
            &token,
            Some(json!({ "date": "2027-04-12" })),
        )
        .await
        .json();
    assert_eq!(
        (
            day["sessions"][0]["start"].as_str(),
            day["sessions"][0]["end"].as_str()
        ),
        (Some("09:30:00"), Some("16:30:00"))
    );
    assert_eq!(day["sessions"][0]["hours"], 7.0);
    let mut stuttgart = course("Mentorenkurs Stuttgart", "mentor_course");
    stuttgart["municipality"] = json!("08111000");
    let local = create(app, &token, stuttgart).await;
    status(app, &token, &local["id"], "registration_open").await;
    let titles = |query: &str| {
        let (app, query) = (&app, query.to_owned());
        async move {
            app.get(&format!("/api/v1/courses?{query}")).await.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["title"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        titles("kind=trainer_course").await,
        ["Mentorentrainerkurs 2027"]
    );
    assert_eq!(
        titles("status=registration_open").await,
        ["Mentorenkurs Stuttgart"]
    );
    assert_eq!(titles("district=08116").await, ["Mentorentrainerkurs 2027"]);
    assert_eq!(titles("year=2027").await, ["Mentorentrainerkurs 2027"]);
    assert!(titles("year=2026").await.is_empty());
}

on_both_databases!(
    only_what_happened_is_recorded_and_completed,
    a_course_is_planned_and_listed_publicly,
    only_sensible_status_changes,
    only_qualified_trainers_lead_a_mentor_course,
    sessions_have_hours_and_can_move,
    trainer_course_days_and_list_filters
);
