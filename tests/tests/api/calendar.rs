//! iCalendar feeds: parsed back, with Berlin times in UTC, venue and only dated sessions.

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};
use serde_json::json;
use tests::{on_both_databases, Method, StatusCode};

fn events(ics: &str) -> Vec<icalendar::Event> {
    let calendar: Calendar = ics.parse().unwrap_or_else(|e| panic!("not iCalendar ({e}): {ics}"));
    calendar.components.into_iter().filter_map(|c| if let CalendarComponent::Event(e) = c { Some(e) } else { None }).collect()
}

fn utc(time: Option<DatePerhapsTime>) -> String {
    match time {
        Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t))) => t.format("%Y-%m-%d %H:%M").to_string(),
        other => panic!("expected a UTC time, got {other:?}"),
    }
}

on_both_databases! {
    async fn course_sessions_are_an_icalendar_feed(app: TestApp) {
        app.import_municipalities(crate::MUNICIPALITIES).await;
        let token = app.staff_token().await;
        let course = app.call(Method::POST, "/api/v1/courses", &token, Some(json!({
            "kind": "trainer_course", "title": "Mentorentrainerkurs Bad Boll", "capacity": 12,
            "venue": { "name": "Tagungshaus", "address": "Akademieweg 11, 73087 Bad Boll" }
        }))).await.json();
        let id = course["id"].clone();
        let sessions = format!("/api/v1/courses/{id}/sessions");
        for body in [json!({ "date": "2027-03-01", "topic": "Rolle, Haltung; Auftrag" }), json!({ "date": "2027-07-05", "room": "Saal 2" }), json!({})] {
            assert_eq!(app.call(Method::POST, &sessions, &token, Some(body)).await.status, StatusCode::CREATED);
        }
        let reply = app.get(&format!("/api/v1/courses/{id}/calendar.ics")).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.header("content-type"), Some("text/calendar; charset=utf-8"));
        let dated = events(&reply.text);
        assert_eq!(dated.len(), 2, "the day still to be fixed is not in the calendar");
        // 09:30–16:30 in Berlin: winter time is UTC+1, summer time UTC+2.
        assert_eq!((utc(dated[0].get_start()), utc(dated[0].get_end())), ("2027-03-01 08:30".into(), "2027-03-01 15:30".into()));
        assert_eq!(utc(dated[1].get_start()), "2027-07-05 07:30");
        assert_eq!(dated[0].get_summary(), Some("Mentorentrainerkurs Bad Boll – Rolle, Haltung; Auftrag"));
        assert_eq!(dated[0].get_location(), Some("Tagungshaus, Akademieweg 11, 73087 Bad Boll"));
        assert_eq!(dated[1].get_location(), Some("Saal 2, Tagungshaus, Akademieweg 11, 73087 Bad Boll"));
        assert_ne!(dated[0].get_uid(), dated[1].get_uid());

        let open = app.get("/api/v1/public/courses.ics").await;
        assert!(events(&open.text).is_empty(), "a planned course is not open yet");
        app.call(Method::PUT, &format!("/api/v1/courses/{id}/status"), &token, Some(json!({ "status": "registration_open" }))).await;
        let open = app.get("/api/v1/public/courses.ics").await;
        assert_eq!(events(&open.text).len(), 2);
        app.get("/api/v1/public/courses.ics?district=123").await.problem(422);
        app.get("/api/v1/courses/999999/calendar.ics").await.problem(404);
    }
}
