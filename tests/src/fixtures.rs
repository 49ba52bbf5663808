//! Fixtures API tests share: a course planned the way staff plan one, status steps.

use crate::{Method, StatusCode, TestApp};
use serde_json::{json, Value};

/// A planned course with two 3.5-hour sessions, both past (only what happened is certified).
pub struct PlannedCourse {
    pub id: Value,
    pub sessions: Vec<Value>,
}

/// Plans a course in Esslingen with provider, commissioning body and funder; a Mentorenkurs gets
/// a qualified trainer tandem, so it can be completed.
pub async fn plan_course(
    app: &TestApp,
    token: &str,
    kind: &str,
    required_hours: f64,
) -> PlannedCourse {
    let provider = app.call(Method::POST, "/api/v1/organisations", token, Some(json!({ "kind": "association", "name": "Paritätisches Bildungswerk", "municipality": "08111000", "address": { "street": "Hauptstraße 1", "postal_code": "70173", "city": "Stuttgart" }, "contact": { "name": "Petra Beispiel", "email": "kurse@bildungswerk.example", "phone": "0711 123456" } }))).await.json();
    let ministry = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            token,
            Some(json!({ "kind": "ministry", "name": "Sozialministerium Baden-Württemberg" })),
        )
        .await
        .json();
    let funder = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            token,
            Some(json!({ "kind": "foundation", "name": "Baden-Württemberg Stiftung" })),
        )
        .await
        .json();
    // A Mentorenkurs is completed only under a qualified trainer tandem.
    let trainers = if kind == "mentor_course" {
        app.qualified_tandem(token).await
    } else {
        json!([])
    };
    let course = app.call(Method::POST, "/api/v1/courses", token, Some(json!({
        "kind": kind, "title": "Bürgermentoren Esslingen", "capacity": 10, "required_hours": required_hours,
        "municipality": "08116019", "provider": provider["id"], "topics": ["Rolle und Haltung", "Projektplanung"],
        "trainers": trainers, "commissioning_body": ministry["id"], "funder": funder["id"]
    }))).await.json();
    let id = course["id"].clone();
    let mut sessions = Vec::new();
    for date in ["2026-01-10", "2026-03-21"] {
        let c = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/sessions"),
                token,
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
    PlannedCourse { id, sessions }
}

/// Moves the course through `steps` of status, each answered 200.
pub async fn set_status(app: &TestApp, token: &str, course: &Value, steps: &[&str]) {
    for status in steps {
        let reply = app
            .call(
                Method::PUT,
                &format!("/api/v1/courses/{course}/status"),
                token,
                Some(json!({ "status": status })),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{status}: {}", reply.text);
    }
}
