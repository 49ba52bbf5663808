//! Enrolment: capacity under concurrency, the waitlist, tandems for trainer courses.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

async fn course(app: &TestApp, token: &str, kind: &str, capacity: i64) -> i64 {
    let body = json!({ "kind": kind, "title": format!("{kind} mit {capacity} Plätzen"), "capacity": capacity });
    let reply = app
        .call(Method::POST, "/api/v1/courses", token, Some(body))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json()["id"].as_i64().unwrap()
}

async fn person_ids(app: &TestApp, token: &str) -> Vec<i64> {
    let page = app
        .call(
            Method::GET,
            "/api/v1/people?limit=200&sort=-updated_at",
            token,
            None,
        )
        .await
        .json();
    let mut ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

async fn enrol(app: &TestApp, token: &str, course: i64, body: Value) -> tests::Reply {
    app.call(
        Method::POST,
        &format!("/api/v1/courses/{course}/enrolments"),
        token,
        Some(body),
    )
    .await
}

async fn enrolments(app: &TestApp, token: &str, course: i64) -> Vec<Value> {
    app.call(
        Method::GET,
        &format!("/api/v1/courses/{course}/enrolments"),
        token,
        None,
    )
    .await
    .json()
    .as_array()
    .unwrap()
    .clone()
}

fn with_status<'a>(list: &'a [Value], status: &str) -> Vec<&'a Value> {
    list.iter().filter(|e| e["status"] == status).collect()
}

async fn capacity_holds_when_200_register_at_once_on_two_servers(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    app.seed_mentors(200).await;
    let token = app.staff_token().await;
    let course = course(app, &token, "mentor_course", 20).await;
    let people = person_ids(app, &token).await;
    assert_eq!(people.len(), 200);
    // Two servers on one database, as behind a load balancer.
    let other = app.second_instance().await;
    let requests = people.iter().enumerate().map(|(i, person)| {
        let server = if i % 2 == 0 { app } else { &other };
        let token = token.clone();
        async move {
            enrol(server, &token, course, json!({ "person_id": person }))
                .await
                .status
        }
    });
    let statuses = futures::future::join_all(requests).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED),
        "{statuses:?}"
    );
    let list = enrolments(app, &token, course).await;
    assert_eq!(list.len(), 200);
    assert_eq!(
        with_status(&list, "confirmed").len(),
        20,
        "exactly the capacity"
    );
    let waiting = with_status(&list, "waitlisted");
    assert_eq!(waiting.len(), 180);
    let positions: Vec<i64> = waiting
        .iter()
        .map(|e| e["waitlist_position"].as_i64().unwrap())
        .collect();
    assert_eq!(
        positions,
        (1..=180).collect::<Vec<_>>(),
        "one queue, in order of registration"
    );
    other.stop().await;
}

async fn open_courses_are_listed_publicly_with_free_places(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    app.seed_mentors(3).await;
    let token = app.staff_token().await;
    let open = course(app, &token, "mentor_course", 5).await;
    let planned = course(app, &token, "mentor_course", 5).await;
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{open}/status"),
        &token,
        Some(json!({ "status": "registration_open" })),
    )
    .await;
    for p in person_ids(app, &token).await {
        enrol(app, &token, open, json!({ "person_id": p })).await;
    }
    let listing = app
        .send(
            app.client
                .get(app.url("/api/v1/public/courses"))
                .header("origin", "https://www.ulm.de"),
        )
        .await;
    assert_eq!(listing.header("access-control-allow-origin"), Some("*"));
    let listing = listing.json();
    let ids: Vec<i64> = listing["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [open], "planned course {planned} is not open yet");
    assert_eq!(listing["items"][0]["free_places"], 2);
    assert!(
        listing["items"][0].get("trainers").is_none(),
        "no personal data"
    );
}

async fn the_waitlist_moves_up_in_order(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    app.seed_mentors(4).await;
    let token = app.staff_token().await;
    let course = course(app, &token, "mentor_course", 2).await;
    let people = person_ids(app, &token).await;
    for p in &people {
        assert_eq!(
            enrol(app, &token, course, json!({ "person_id": p }))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    enrol(app, &token, course, json!({ "person_id": people[0] }))
        .await
        .problem(409);
    let list = enrolments(app, &token, course).await;
    let status_of = |list: &[Value], person: i64| {
        list.iter().find(|e| e["person_id"] == person).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        people
            .iter()
            .map(|p| status_of(&list, *p))
            .collect::<Vec<_>>(),
        ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    );

    let first = list.iter().find(|e| e["person_id"] == people[0]).unwrap()["id"].clone();
    let path = format!("/api/v1/courses/{course}/enrolments/{first}");
    let after = app
        .call(
            Method::PUT,
            &path,
            &token,
            Some(json!({ "status": "cancelled" })),
        )
        .await;
    assert_eq!(after.status, StatusCode::OK, "{}", after.text);
    let list = after.json().as_array().unwrap().clone();
    assert_eq!(
        status_of(&list, people[2]),
        "confirmed",
        "the first in line moves up"
    );
    assert_eq!(
        list.iter().find(|e| e["person_id"] == people[3]).unwrap()["waitlist_position"],
        1
    );
    app.call(
        Method::PUT,
        &path,
        &token,
        Some(json!({ "status": "confirmed" })),
    )
    .await
    .problem(409);

    let second = list.iter().find(|e| e["person_id"] == people[1]).unwrap()["id"].clone();
    let list = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{course}/enrolments/{second}"),
            &token,
            Some(json!({ "status": "dropped_out" })),
        )
        .await
        .json();
    assert_eq!(status_of(list.as_array().unwrap(), people[3]), "confirmed");
    // Someone cancelled may register again, at the end of the line.
    assert_eq!(
        enrol(app, &token, course, json!({ "person_id": people[0] }))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        status_of(&enrolments(app, &token, course).await, people[0]),
        "waitlisted"
    );
}

async fn trainer_courses_take_tandems_only(app: &TestApp) {
    let token = app.staff_token().await;
    let trainer = |given: &str, kind: &str| json!({ "given_name": given, "family_name": "Tandem", "trainer": { "kind": kind } });
    let mut ids = Vec::new();
    for (given, kind) in [
        ("Pia", "professional"),
        ("Pit", "professional"),
        ("Cem", "citizen"),
    ] {
        ids.push(
            app.call(
                Method::POST,
                "/api/v1/people",
                &token,
                Some(trainer(given, kind)),
            )
            .await
            .json()["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let course = course(app, &token, "trainer_course", 10).await;
    let local = self::course(app, &token, "mentor_course", 12).await;
    let alone = enrol(app, &token, course, json!({ "person_id": ids[0] }))
        .await
        .problem(422);
    assert_eq!(alone["errors"][0]["field"], "tandem_partner_id");
    enrol(
        app,
        &token,
        course,
        json!({ "person_id": ids[0], "tandem_partner_id": ids[1] }),
    )
    .await
    .problem(422);
    enrol(
        app,
        &token,
        course,
        json!({ "person_id": ids[0], "tandem_partner_id": ids[2], "local_course_id": course }),
    )
    .await
    .problem(422);
    let reply = enrol(
        app,
        &token,
        course,
        json!({ "person_id": ids[0], "tandem_partner_id": ids[2], "local_course_id": local }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let list = reply.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list
        .iter()
        .all(|e| e["status"] == "confirmed" && e["local_course"] == local));
    assert_eq!(list[0]["tandem_partner"], ids[2]);
    assert_eq!(list[1]["tandem_partner"], ids[0]);
    enrol(
        app,
        &token,
        local,
        json!({ "person_id": ids[1], "tandem_partner_id": ids[2] }),
    )
    .await
    .problem(422);
}

/// A citizen looks for a course in a month and finds what it is, its dates and whom to ask;
/// a course not open yet has no public page.
async fn the_public_finds_open_courses_by_month_and_whom_to_ask(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let planned = tests::fixtures::plan_course(app, &token, "mentor_course", 7.0).await;
    let id = planned.id.as_i64().unwrap();
    let page = format!("/api/v1/public/courses/{id}");
    app.get(&page).await.problem(404);
    tests::fixtures::set_status(app, &token, &planned.id, &["registration_open"]).await;

    let course = app.get(&page).await.json();
    assert_eq!(course["title"], "Bürgermentoren Esslingen");
    assert_eq!(course["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(
        course["contact"],
        json!({
            "organisation": "Paritätisches Bildungswerk", "name": "Petra Beispiel",
            "email": "kurse@bildungswerk.example", "phone": "0711 123456", "website": null
        })
    );
    assert!(
        course.get("trainers").is_none(),
        "no personal data of the trainers"
    );
    app.get("/api/v1/public/courses/999999").await.problem(404);

    // The sessions are on 10 January and 21 March 2026.
    let in_month = |month: &'static str| async move {
        let list = app
            .get(&format!("/api/v1/public/courses?month={month}"))
            .await
            .json();
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(in_month("2026-03").await, [id]);
    assert_eq!(in_month("2026-01").await, [id]);
    assert!(in_month("2026-02").await.is_empty());
    let refused = app
        .get("/api/v1/public/courses?month=2026-13")
        .await
        .problem(422);
    assert_eq!(refused["errors"][0]["field"], "month");
}

on_both_databases!(
    the_public_finds_open_courses_by_month_and_whom_to_ask,
    capacity_holds_when_200_register_at_once_on_two_servers,
    open_courses_are_listed_publicly_with_free_places,
    the_waitlist_moves_up_in_order,
    trainer_courses_take_tandems_only
);
