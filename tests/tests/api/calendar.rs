//! iCalendar feeds: parsed back, with Berlin times in UTC, venue and only dated sessions.

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};
use serde_json::json;
use tests::{on_both_databases, Method, StatusCode, TestApp};

fn events(ics: &str) -> Vec<icalendar::Event> {
    let calendar: Calendar = ics
        .parse()
        .unwrap_or_else(|e| panic!("not iCalendar ({e}): {ics}"));
    calendar
        .components
        .into_iter()
        .filter_map(|c| {
            if let CalendarComponent::Event(e) = c {
                Some(e)
            } else {
                None
            }
        })
        .collect()
}

fn utc(time: Option<DatePerhapsTime>) -> String {
    match time {
        Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t))) => {
            t.format("%Y-%m-%d %H:%M").to_string()
        }
        other => panic!("expected a UTC time, got {other:?}"),
    }
}

async fn course_sessions_are_an_icalendar_feed(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let course = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &token,
            Some(json!({
                "kind": "trainer_course", "title": "Mentorentrainerkurs Bad Boll", "capacity": 12,
                "venue": { "name": "Tagungshaus", "address": "Akademieweg 11, 73087 Bad Boll" }
            })),
        )
        .await
        .json();
    let id = course["id"].clone();
    let sessions = format!("/api/v1/courses/{id}/sessions");
    for body in [
        json!({ "date": "2027-03-01", "topic": "Rolle, Haltung; Auftrag" }),
        json!({ "date": "2027-07-05", "room": "Saal 2" }),
        json!({}),
    ] {
        assert_eq!(
            app.call(Method::POST, &sessions, &token, Some(body))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let reply = app.get(&format!("/api/v1/courses/{id}/calendar.ics")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let dated = events(&reply.text);
    assert_eq!(
        dated.len(),
        2,
        "the day still to be fixed is not in the calendar"
    );
    // 09:30–16:30 in Berlin: winter time is UTC+1, summer time UTC+2.
    assert_eq!(
        (utc(dated[0].get_start()), utc(dated[0].get_end())),
        ("2027-03-01 08:30".into(), "2027-03-01 15:30".into())
    );
    assert_eq!(utc(dated[1].get_start()), "2027-07-05 07:30");
    assert_eq!(
        dated[0].get_summary(),
        Some("Mentorentrainerkurs Bad Boll – Rolle, Haltung; Auftrag")
    );
    assert_eq!(
        dated[0].get_location(),
        Some("Tagungshaus, Akademieweg 11, 73087 Bad Boll")
    );
    assert_eq!(
        dated[1].get_location(),
        Some("Saal 2, Tagungshaus, Akademieweg 11, 73087 Bad Boll")
    );
    assert_ne!(dated[0].get_uid(), dated[1].get_uid());

    let open = app.get("/api/v1/public/courses.ics").await;
    assert!(
        events(&open.text).is_empty(),
        "a planned course is not open yet"
    );
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{id}/status"),
        &token,
        Some(json!({ "status": "registration_open" })),
    )
    .await;
    let open = app.get("/api/v1/public/courses.ics").await;
    assert_eq!(events(&open.text).len(), 2);
    app.get("/api/v1/public/courses.ics?district=123")
        .await
        .problem(422);
    app.get("/api/v1/courses/999999/calendar.ics")
        .await
        .problem(404);
}

on_both_databases!(course_sessions_are_an_icalendar_feed);

async fn the_schedule_lists_dated_sessions_in_order_without_cancelled_courses(app: &TestApp) {
    let token = app.staff_token().await;
    let mut ids = Vec::new();
    for (title, dates) in [
        ("Kurs Nord", ["2027-02-10", "2027-01-20"]),
        ("Kurs Süd", ["2027-01-25", "2027-06-01"]),
    ] {
        let course = app
            .call(
                Method::POST,
                "/api/v1/courses",
                &token,
                Some(json!({ "kind": "mentor_course", "title": title, "capacity": 10 })),
            )
            .await
            .json();
        for date in dates {
            app.call(
                Method::POST,
                &format!("/api/v1/courses/{}/sessions", course["id"]),
                &token,
                Some(json!({ "date": date, "start": "18:00:00", "end": "21:00:00" })),
            )
            .await;
        }
        app.call(
            Method::POST,
            &format!("/api/v1/courses/{}/sessions", course["id"]),
            &token,
            Some(json!({ "topic": "noch offen" })),
        )
        .await;
        ids.push(course["id"].clone());
    }
    let schedule = app
        .get("/api/v1/sessions?from=2027-01-01&to=2027-03-31")
        .await
        .json();
    let seen: Vec<(String, String)> = schedule
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["course_title"].as_str().unwrap().to_owned(),
                s["session"]["date"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Kurs Nord".into(), "2027-01-20".into()),
            ("Kurs Süd".into(), "2027-01-25".into()),
            ("Kurs Nord".into(), "2027-02-10".into())
        ]
    );
    assert_eq!(schedule[0]["session"]["hours"], 3.0);

    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{}/status", ids[0]),
        &token,
        Some(json!({ "status": "cancelled" })),
    )
    .await;
    let schedule = app
        .get("/api/v1/sessions?from=2027-01-01&to=2027-03-31")
        .await
        .json();
    assert_eq!(
        schedule.as_array().unwrap().len(),
        1,
        "a cancelled course's sessions are off the calendar"
    );
    app.get("/api/v1/sessions?from=2027-03-31&to=2027-01-01")
        .await
        .problem(422);
    app.get("/api/v1/sessions?from=2027-01-01&to=2029-01-01")
        .await
        .problem(422);
    app.get("/api/v1/sessions?from=gestern").await.problem(400);
}

on_both_databases!(the_schedule_lists_dated_sessions_in_order_without_cancelled_courses);
