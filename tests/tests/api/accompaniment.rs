//! The accompaniment year: meetings after a completed Mentorenkurs, who came, and where they show.

use serde_json::{json, Value};
use tests::fixtures::{plan_course, set_status};
use tests::{on_both_databases, Method, StatusCode, TestApp};

async fn meeting(app: &TestApp, token: &str, course: &Value, body: Value) -> tests::Reply {
    app.call(
        Method::POST,
        &format!("/api/v1/courses/{course}/accompaniment"),
        token,
        Some(body),
    )
    .await
}

async fn trainers_record_the_meetings_of_the_accompaniment_year(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let course = plan_course(app, &token, "mentor_course", 7.0).await;
    let id = &course.id;
    let mut enrolments = Vec::new();
    let mut people = Vec::new();
    for family in ["Begleitet", "Ausgestiegen"] {
        let body = json!({ "given_name": "Nora", "family_name": family, "mentor": { "status": "in_training" } });
        let person = app
            .call(Method::POST, "/api/v1/people", &token, Some(body))
            .await
            .json()["id"]
            .clone();
        let list = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/enrolments"),
                &token,
                Some(json!({ "person_id": person })),
            )
            .await
            .json();
        enrolments.push(
            list.as_array()
                .unwrap()
                .iter()
                .find(|e| e["person_id"] == person)
                .unwrap()["id"]
                .clone(),
        );
        people.push(person);
    }
    let body = |date: chrono::NaiveDate, attendees: Value| json!({ "date": date, "place": "Rathaus Esslingen", "topic": "Erste Projekte", "attendees": attendees });

    // Before the course is completed there is no accompaniment year.
    let guess = chrono::Utc::now().date_naive();
    let early = meeting(app, &token, id, body(guess, json!([])))
        .await
        .problem(409);
    assert_eq!(early["code"], "no_accompaniment_year");

    set_status(
        app,
        &token,
        id,
        &["registration_open", "running", "completed"],
    )
    .await;
    // The second participant dropped out; only the first is accompanied.
    let dropped = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/enrolments/{}", enrolments[1]),
            &token,
            Some(json!({ "status": "dropped_out" })),
        )
        .await;
    assert_eq!(dropped.status, StatusCode::OK, "{}", dropped.text);
    let year = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/accompaniment"),
            &token,
            None,
        )
        .await
        .json();
    // The year starts on the completion day: today where the programme is (Berlin).
    let today: chrono::NaiveDate = serde_json::from_value(year["starts_on"].clone()).unwrap();
    assert!((today - guess).num_days().abs() <= 1, "{today}");
    assert_eq!(
        year["ends_on"],
        json!(today.checked_add_months(chrono::Months::new(12)).unwrap())
    );
    let accompanied: Vec<&Value> = year["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["enrolment_id"])
        .collect();
    assert_eq!(accompanied, [&enrolments[0]]);

    // Dates outside the year or ahead, strangers and missing topics are explained at the field.
    let before = meeting(app, &token, id, body(today.pred_opt().unwrap(), json!([])))
        .await
        .problem(422);
    assert_eq!(before["errors"][0]["field"], "date");
    assert_eq!(before["errors"][0]["code"], "accompaniment_year");
    let ahead = meeting(app, &token, id, body(today.succ_opt().unwrap(), json!([])))
        .await
        .problem(422);
    assert_eq!(ahead["errors"][0]["code"], "ahead");
    let stranger = meeting(app, &token, id, body(today, json!([999_999])))
        .await
        .problem(422);
    assert_eq!(stranger["errors"][0]["field"], "attendees[0]");
    let untitled = meeting(app, &token, id, json!({ "date": today, "topic": " " }))
        .await
        .problem(422);
    assert_eq!(untitled["errors"][0]["field"], "topic");

    let created = meeting(app, &token, id, body(today, json!([enrolments[0]]))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let year = created.json();
    let held = &year["meetings"][0];
    assert_eq!(held["topic"], "Erste Projekte");
    assert_eq!(held["attendees"], json!([enrolments[0]]));

    // Corrected: another topic, nobody came.
    let changed = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/accompaniment/{}", held["id"]),
            &token,
            Some(json!({ "date": today, "topic": "Vernetzung im Quartier", "attendees": [] })),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    assert_eq!(changed.json()["meetings"][0]["attendees"], json!([]));
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{id}/accompaniment/{}", held["id"]),
        &token,
        Some(json!({ "date": today, "topic": "Vernetzung im Quartier", "attendees": [enrolments[0]] })),
    )
    .await;

    // The mentor's record shows the meeting with its course.
    let attended = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}/accompaniment", people[0]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(attended[0]["topic"], "Vernetzung im Quartier");
    assert_eq!(attended[0]["course_id"], *id);
    assert_eq!(attended[0]["course_title"], "Bürgermentoren Esslingen");
    let other = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}/accompaniment", people[1]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(other, json!([]));

    // The report counts the meeting and the attendance.
    let report = app
        .call(
            Method::GET,
            &format!(
                "/api/v1/reports/programme?year={}",
                chrono::Datelike::year(&today)
            ),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(report["total"]["accompaniment_meetings"], 1);
    assert_eq!(report["total"]["accompaniment_attendances"], 1);

    // Signed out nobody reads it; a meeting recorded by mistake can be removed.
    app.get(&format!("/api/v1/courses/{id}/accompaniment"))
        .await
        .problem(401);
    let removed = app
        .call(
            Method::DELETE,
            &format!("/api/v1/courses/{id}/accompaniment/{}", held["id"]),
            &token,
            None,
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.text);
    let year = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/accompaniment"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(year["meetings"], json!([]));
}

on_both_databases!(trainers_record_the_meetings_of_the_accompaniment_year);
