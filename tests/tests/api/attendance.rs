//! Attendance: bulk per session, totals against the required hours, kept when a session moves.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

fn row<'a>(grid: &'a Value, enrolment: &Value) -> &'a Value {
    grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["enrolment_id"] == *enrolment)
        .unwrap()
}

async fn attendance_is_recorded_per_session_and_totalled(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    app.seed_mentors(4).await;
    let token = app.staff_token().await;
    let course = app.call(Method::POST, "/api/v1/courses", &token, Some(json!({ "kind": "mentor_course", "title": "Kurs", "capacity": 3, "required_hours": 7 }))).await.json();
    let id = course["id"].clone();
    let mut sessions = Vec::new();
    for date in ["2026-01-10", "2026-01-17"] {
        let c = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/sessions"),
                &token,
                Some(json!({ "date": date, "start": "18:00:00", "end": "21:30:00" })),
            )
            .await
            .json();
        sessions = c["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].clone())
            .collect();
    }
    let people: Vec<i64> = app
        .call(Method::GET, "/api/v1/people?limit=10", &token, None)
        .await
        .json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    let mut list = Value::Null;
    for p in &people {
        list = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/enrolments"),
                &token,
                Some(json!({ "person_id": p })),
            )
            .await
            .json();
    }
    let enrolled: Vec<Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].clone())
        .collect();
    let (a, b, c, waiting) = (&enrolled[0], &enrolled[1], &enrolled[2], &enrolled[3]);

    let first = format!("/api/v1/courses/{id}/sessions/{}/attendance", sessions[0]);
    app.call(
        Method::PUT,
        &first,
        &token,
        Some(json!([{ "enrolment_id": b, "status": "partial" }])),
    )
    .await
    .problem(422);
    app.call(
        Method::PUT,
        &first,
        &token,
        Some(json!([{ "enrolment_id": waiting, "status": "present" }])),
    )
    .await
    .problem(422);
    let grid = app
        .call(
            Method::PUT,
            &first,
            &token,
            Some(json!([
                { "enrolment_id": a, "status": "present" },
                { "enrolment_id": b, "status": "partial", "hours": 2 },
                { "enrolment_id": c, "status": "excused" }
            ])),
        )
        .await;
    assert_eq!(grid.status, StatusCode::OK, "{}", grid.text);
    let grid = grid.json();
    assert_eq!(
        grid["rows"].as_array().unwrap().len(),
        3,
        "the waitlisted person is not a participant"
    );
    assert_eq!(row(&grid, a)["total_hours"], 3.5);
    assert_eq!(row(&grid, b)["total_hours"], 2.0);
    assert_eq!(row(&grid, c)["sessions"][0]["status"], "excused");
    assert_eq!(row(&grid, c)["sessions"][1], Value::Null);

    let second = format!("/api/v1/courses/{id}/sessions/{}/attendance", sessions[1]);
    let grid = app
        .call(
            Method::PUT,
            &second,
            &token,
            Some(json!([{ "enrolment_id": a, "status": "present" }])),
        )
        .await
        .json();
    assert_eq!(
        (
            row(&grid, a)["total_hours"].as_f64(),
            row(&grid, a)["reached"].as_bool()
        ),
        (Some(7.0), Some(true))
    );
    assert_eq!(row(&grid, b)["reached"], false);

    // Moving a session keeps its attendance.
    let moved = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/sessions/{}", sessions[0]),
            &token,
            Some(json!({ "date": "2026-01-24", "start": "18:00:00", "end": "21:30:00" })),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK);
    let grid = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/attendance"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(row(&grid, a)["total_hours"], 7.0);
    assert_eq!(row(&grid, b)["total_hours"], 2.0);
    app.get(&format!("/api/v1/courses/{id}/attendance"))
        .await
        .problem(401);
}

on_both_databases!(attendance_is_recorded_per_session_and_totalled);
