//! Citizens registering themselves (double opt-in), read back through a real SMTP server: the
//! links a person would click, places and the waitlist in order of confirmation, withdrawal
//! moving the waitlist up, capacity under concurrent confirmations on two servers, matching of
//! known people, and the protections of a public form.

use serde_json::{json, Value};
use tests::tools::{link_in, SmtpServer};
use tests::{on_both_databases, Method, Options, StatusCode, TestApp};

const CONFIRM: &str = "https://mentorat.example/anmeldung/bestaetigen/";
const STATUS: &str = "https://mentorat.example/anmeldung/";

/// An open Mentorenkurs with `capacity` places.
async fn open_course(app: &TestApp, token: &str, capacity: i64) -> i64 {
    let body =
        json!({ "kind": "mentor_course", "title": "Mentorenkurs Esslingen", "capacity": capacity });
    let created = app
        .call(Method::POST, "/api/v1/courses", token, Some(body))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json()["id"].as_i64().unwrap();
    let opened = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/status"),
            token,
            Some(json!({ "status": "registration_open" })),
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.text);
    id
}

fn form(given: &str, family: &str, email: &str) -> Value {
    json!({
        "given_name": given, "family_name": family, "email": email,
        "municipality": "08116019", "phone": "0711 123456",
        "motivation": "Ich möchte Vereine und Schulen zusammenbringen.",
        "consent": true, "consent_text_version": shared::registrations::CONSENT_VERSION,
    })
}

async fn register(app: &TestApp, course: i64, body: Value) -> tests::Reply {
    app.send(
        app.client
            .post(app.url(&format!("/api/v1/courses/{course}/registrations")))
            .json(&body),
    )
    .await
}

/// Registers from its own client address (behind a proxy), as different households would.
async fn register_from(app: &TestApp, client: &str, course: i64, body: Value) -> tests::Reply {
    app.send(
        app.client
            .post(app.url(&format!("/api/v1/courses/{course}/registrations")))
            .header("x-forwarded-for", client)
            .json(&body),
    )
    .await
}

async fn confirm(app: &TestApp, link: &str) -> tests::Reply {
    let token = link.strip_prefix(CONFIRM).expect("a confirmation link");
    app.send(
        app.client
            .post(app.url(&format!("/api/v1/registrations/confirm/{token}"))),
    )
    .await
}

async fn status(app: &TestApp, link: &str) -> Value {
    let token = link.strip_prefix(STATUS).expect("a personal link");
    let reply = app
        .get(&format!("/api/v1/registrations/by-token/{token}"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json()
}

async fn enrolment_statuses(app: &TestApp, token: &str, course: i64) -> Vec<String> {
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
    .iter()
    .map(|e| e["status"].as_str().unwrap().to_owned())
    .collect()
}

/// A server of the test's database that sends through `smtp`.
async fn mailing(app: &TestApp, smtp: &SmtpServer) -> TestApp {
    app.instance_with(Options {
        smtp_url: Some(smtp.url()),
        ..Options::default()
    })
    .await
}

async fn a_citizen_confirms_by_mail_gets_a_place_and_withdraws(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let smtp = SmtpServer::start();
    let server = mailing(app, &smtp).await;
    let staff = server.staff_token().await;
    let course = open_course(&server, &staff, 1).await;

    let sent = register(&server, course, form("Ayşe", "Yılmaz", "ayse@example.de")).await;
    assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.text);
    let mail = smtp
        .wait_for("ayse@example.de", "Bitte bestätigen Sie Ihre Anmeldung")
        .await;
    assert!(
        mail.body.starts_with("Guten Tag Ayşe Yılmaz,"),
        "{}",
        mail.body
    );
    assert!(mail.body.contains("48 Stunden"), "{}", mail.body);
    assert!(
        enrolment_statuses(&server, &staff, course).await.is_empty(),
        "an unconfirmed registration takes no place"
    );
    let confirm_token = mail.link(CONFIRM)[CONFIRM.len()..].to_owned();

    let confirmed = confirm(&server, &mail.link(CONFIRM)).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
    let answer = confirmed.json();
    assert_eq!(
        answer["status"]["enrolment_status"], "confirmed",
        "{answer}"
    );
    assert_eq!(answer["status"]["waitlist_position"], Value::Null);
    confirm(&server, &mail.link(CONFIRM)).await.problem(404);
    let placed = smtp.wait_for("ayse@example.de", "Platz bestätigt").await;
    let ayse_link = placed.link(STATUS);
    assert_eq!(
        ayse_link,
        format!("{STATUS}{}", answer["status_token"].as_str().unwrap())
    );

    // The second, in English, finds the course full: the waitlist, in the mail too.
    let mut english = form("Ben", "Okafor", "ben@example.org");
    english["language"] = json!("en");
    register(&server, course, english).await;
    let mail = smtp
        .wait_for("ben@example.org", "Please confirm your registration")
        .await;
    let ben = confirm(&server, &mail.link(CONFIRM)).await.json();
    assert_eq!(ben["status"]["enrolment_status"], "waitlisted");
    assert_eq!(ben["status"]["waitlist_position"], 1);
    let waiting = smtp
        .wait_for("ben@example.org", "Waiting list, position 1")
        .await;
    let ben_link = waiting.link(STATUS);
    assert_eq!(status(&server, &ben_link).await["waitlist_position"], 1);

    // Ayşe withdraws through her link: Ben moves up and is told.
    let token = ayse_link.strip_prefix(STATUS).unwrap();
    let withdrawn = server
        .send(
            server
                .client
                .delete(server.url(&format!("/api/v1/registrations/by-token/{token}"))),
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    assert_eq!(withdrawn.json()["state"], "cancelled");
    smtp.wait_for("ayse@example.de", "Anmeldung zurückgezogen")
        .await;
    let moved = smtp
        .wait_for("ben@example.org", "Moved up, place confirmed")
        .await;
    assert!(moved.body.starts_with("Dear Ben Okafor,"), "{}", moved.body);
    let now = status(&server, &ben_link).await;
    assert_eq!(now["enrolment_status"], "confirmed", "{now}");
    assert_eq!(now["waitlist_position"], Value::Null);
    assert_eq!(
        enrolment_statuses(&server, &staff, course).await,
        ["cancelled", "confirmed"]
    );

    // Nothing went out twice; the administration sees every mail as sent, without its body.
    assert_eq!(smtp.received().len(), 6, "{:#?}", smtp.received());
    let admin = server.admin_token().await;
    let mut queue = Value::Null;
    for _ in 0..50 {
        queue = server
            .call(Method::GET, "/api/v1/outbox", &admin, None)
            .await
            .json();
        if queue
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["state"] == "sent")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mails = queue.as_array().unwrap();
    assert_eq!(mails.len(), 6, "{queue}");
    assert!(
        mails
            .iter()
            .all(|m| m["state"] == "sent" && m["body"] == ""),
        "{queue}"
    );
    // No token is stored as it is: the registrations keep hashes, the queue no bodies.
    let everything = server.every_row().await;
    assert!(
        !everything.contains(&confirm_token),
        "{}",
        everything
            .lines()
            .filter(|l| l.contains(&confirm_token))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(!everything.contains(ayse_link.strip_prefix(STATUS).unwrap()));
    server.stop().await;
}

async fn an_unconfirmed_registration_expires_and_its_link_works_once(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let course = open_course(app, &staff, 5).await;
    let admin = app.admin_token().await;
    // Without SMTP the mails are kept in the outbox, where the link can be read.
    let read_link = |outbox: Value| -> String {
        link_in(outbox[0]["body"].as_str().unwrap(), CONFIRM).unwrap()
    };
    register(app, course, form("Clara", "Weber", "clara@example.de")).await;
    let outbox = app
        .call(Method::GET, "/api/v1/outbox", &admin, None)
        .await
        .json();
    assert_eq!(outbox[0]["state"], "kept");
    let first = read_link(outbox);
    app.execute_sql("UPDATE registrations SET confirm_expires_at = '2026-01-01 00:00:00'")
        .await;
    let expired = confirm(app, &first).await.problem(404);
    assert!(
        expired["detail"].as_str().unwrap().contains("abgelaufen"),
        "{expired}"
    );
    assert_eq!(
        app.count_sql("SELECT COUNT(*) AS n FROM registrations")
            .await,
        0,
        "expired registrations are deleted"
    );
    assert!(enrolment_statuses(app, &staff, course).await.is_empty());
}

async fn public_confirmations_hold_the_capacity_on_two_servers(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let course = open_course(app, &staff, 10).await;
    let proxied = Options {
        behind_proxy: true,
        ..Options::default()
    };
    let one = app.instance_with(proxied.clone()).await;
    let two = app.instance_with(proxied).await;
    for i in 0..40 {
        let sent = register_from(
            &one,
            &format!("192.0.2.{i}"),
            course,
            form("Person", &format!("Nummer{i}"), &format!("p{i}@example.de")),
        )
        .await;
        assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.text);
    }
    let outbox = app
        .call(Method::GET, "/api/v1/outbox", &admin, None)
        .await
        .json();
    let links: Vec<String> = outbox
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| link_in(m["body"].as_str().unwrap(), CONFIRM))
        .collect();
    assert_eq!(links.len(), 40);
    let confirmations = links.iter().enumerate().map(|(i, link)| {
        let server = if i % 2 == 0 { &one } else { &two };
        async move { confirm(server, link).await.status }
    });
    let statuses = futures::future::join_all(confirmations).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let list = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{course}/enrolments"),
            &staff,
            None,
        )
        .await
        .json();
    let list = list.as_array().unwrap();
    let confirmed = list.iter().filter(|e| e["status"] == "confirmed").count();
    let positions: Vec<i64> = list
        .iter()
        .filter(|e| e["status"] == "waitlisted")
        .map(|e| e["waitlist_position"].as_i64().unwrap())
        .collect();
    assert_eq!(confirmed, 10, "exactly the capacity");
    assert_eq!(positions, (1..=30).collect::<Vec<_>>());
    one.stop().await;
    two.stop().await;
}

async fn the_public_form_resists_robots_floods_and_probing(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let course = open_course(app, &staff, 5).await;
    let rows = || app.count_sql("SELECT COUNT(*) AS n FROM registrations");

    // A robot fills in the hidden field: the same answer, nothing stored.
    let mut robot = form("Spam", "Bot", "bot@example.de");
    robot["website"] = json!("https://spam.example");
    assert_eq!(
        register(app, course, robot).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(rows().await, 0);

    // Bad input is refused next to each field; without consent nothing is stored.
    let mut bad = form("", "Weber", "keine-adresse");
    bad["consent"] = json!(false);
    bad["motivation"] = json!("x".repeat(2001));
    let problem = register(app, course, bad).await.problem(422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["given_name", "email", "motivation", "consent"],
        "{problem}"
    );
    let mut elsewhere = form("Clara", "Weber", "clara@example.de");
    elsewhere["municipality"] = json!("09162000");
    register(app, course, elsewhere).await.problem(422);
    let huge = json!({ "given_name": "x".repeat(300 * 1024) });
    assert_eq!(
        register(app, course, huge).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    // The same address six times: the same answer each time, but no more than five mails, so
    // nobody can flood an inbox or learn from the answers what is registered.
    for _ in 0..6 {
        let reply = register(app, course, form("Clara", "Weber", "clara@example.de")).await;
        assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
        assert_eq!(reply.text, "");
    }
    assert_eq!(rows().await, 5);

    // One client address: twenty registrations an hour, then 429, across servers.
    let other = app.second_instance().await;
    let mut refused = None;
    for i in 0..20 {
        let server = if i % 2 == 0 { app } else { &other };
        let reply = register(
            server,
            course,
            form("Viele", &format!("Leute{i}"), &format!("v{i}@example.de")),
        )
        .await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(i);
            break;
        }
    }
    // Six were counted above (the robot's and the refused forms are not); the 15th more is
    // the 21st.
    assert_eq!(refused, Some(14));
    other.stop().await;
}

async fn a_known_person_is_matched_and_a_likely_one_goes_to_review(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let course = open_course(app, &staff, 5).await;
    let person = |given: &str, family: &str, email: &str| json!({ "given_name": given, "family_name": family, "email": email, "municipality": "08116019" });
    let known = app
        .call(
            Method::POST,
            "/api/v1/people",
            &staff,
            Some(person("Jürgen", "Maier", "juergen@example.de")),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let namesake = app
        .call(
            Method::POST,
            "/api/v1/people",
            &staff,
            Some(person("Dilara", "Kaya", "dilara@example.de")),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let people = || app.count_sql("SELECT COUNT(*) AS n FROM people");
    assert_eq!(people().await, 2);

    let confirm_last = || async {
        let outbox = app
            .call(Method::GET, "/api/v1/outbox", &admin, None)
            .await
            .json();
        let link = link_in(outbox[0]["body"].as_str().unwrap(), CONFIRM).unwrap();
        let reply = confirm(app, &link).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    };
    // Same address and name: the known record, no new one.
    register(app, course, form("Jürgen", "Maier", "Juergen@Example.de")).await;
    confirm_last().await;
    assert_eq!(people().await, 2);
    let enrolled: Vec<i64> = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{course}/enrolments"),
            &staff,
            None,
        )
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["person_id"].as_i64().unwrap())
        .collect();
    assert_eq!(enrolled, [known]);

    // Same name and municipality, another address: a new record, for staff to review.
    register(app, course, form("Dilara", "Kaya", "d.kaya@example.org")).await;
    confirm_last().await;
    assert_eq!(people().await, 3);
    let reviews = app
        .call(Method::GET, "/api/v1/registrations/reviews", &staff, None)
        .await
        .json();
    let review = &reviews[0];
    assert_eq!(reviews.as_array().unwrap().len(), 1, "{reviews}");
    assert_eq!(review["candidates"][0]["id"], namesake, "{reviews}");
    assert_eq!(
        review["motivation"],
        "Ich möchte Vereine und Schulen zusammenbringen."
    );
    let decided = app
        .call(
            Method::POST,
            &format!("/api/v1/registrations/reviews/{}", review["id"]),
            &staff,
            Some(json!({ "merge_into": namesake })),
        )
        .await;
    assert_eq!(decided.status, StatusCode::NO_CONTENT, "{}", decided.text);
    assert_eq!(people().await, 2, "merged into the known record");
    let enrolled: Vec<i64> = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{course}/enrolments"),
            &staff,
            None,
        )
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["person_id"].as_i64().unwrap())
        .collect();
    assert_eq!(enrolled, [known, namesake]);
    let again = app
        .call(Method::GET, "/api/v1/registrations/reviews", &staff, None)
        .await
        .json();
    assert_eq!(again, json!([]));
}

async fn participants_hear_of_moved_and_cancelled_sessions_and_their_certificate(app: &TestApp) {
    use chrono::Datelike;
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let smtp = SmtpServer::start();
    let server = mailing(app, &smtp).await;
    let staff = server.staff_token().await;
    let course = tests::fixtures::plan_course(&server, &staff, "mentor_course", 7.0).await;
    let id = &course.id;
    let soon = chrono::Utc::now().date_naive() + chrono::Days::new(30);
    let later = soon + chrono::Days::new(7);
    let added = server
        .call(
            Method::POST,
            &format!("/api/v1/courses/{id}/sessions"),
            &staff,
            Some(json!({ "date": soon, "start": "18:00:00", "end": "21:30:00" })),
        )
        .await
        .json();
    let coming = added["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["date"] == json!(soon))
        .unwrap()["id"]
        .clone();
    tests::fixtures::set_status(&server, &staff, id, &["registration_open"]).await;
    let mut english = form("Lena", "Fischer", "lena@example.org");
    english["language"] = json!("en");
    register(&server, id.as_i64().unwrap(), english).await;
    let mail = smtp.wait_for("lena@example.org", "Please confirm").await;
    let enrolment = confirm(&server, &mail.link(CONFIRM)).await.json();
    assert_eq!(enrolment["status"]["enrolment_status"], "confirmed");

    // The coming session moves a week: she reads both dates, in English.
    let moved = server
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/sessions/{coming}"),
            &staff,
            Some(
                json!({ "date": later, "start": "17:00:00", "end": "20:30:00", "room": "Raum 2" }),
            ),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let english_date = |d: chrono::NaiveDate| {
        format!(
            "{} {} {}",
            d.day(),
            shared::MONTHS_EN[d.month0() as usize],
            d.year()
        )
    };
    let mail = smtp.wait_for("lena@example.org", "Session moved").await;
    assert!(
        mail.body
            .contains(&format!("Before: {}, 18:00–21:30", english_date(soon)))
            && mail.body.contains(&format!(
                "Now: {}, 17:00–20:30, Raum 2",
                english_date(later)
            )),
        "{}",
        mail.body
    );
    // Correcting a past session tells nobody; cancelling the coming one does.
    let past = &course.sessions[0];
    server
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/sessions/{past}"),
            &staff,
            Some(json!({ "date": "2026-01-10", "start": "18:30:00", "end": "22:00:00" })),
        )
        .await;
    server
        .call(
            Method::DELETE,
            &format!("/api/v1/courses/{id}/sessions/{coming}"),
            &staff,
            None,
        )
        .await;
    let mail = smtp.wait_for("lena@example.org", "Session cancelled").await;
    assert!(mail.body.contains(&english_date(later)), "{}", mail.body);

    // She attends both sessions; the certificate is issued and she is told how to check it.
    let enrolment_id = server
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/enrolments"),
            &staff,
            None,
        )
        .await
        .json()[0]["id"]
        .clone();
    for session in &course.sessions {
        server
            .call(
                Method::PUT,
                &format!("/api/v1/courses/{id}/sessions/{session}/attendance"),
                &staff,
                Some(json!([{ "enrolment_id": enrolment_id, "status": "present" }])),
            )
            .await;
    }
    tests::fixtures::set_status(&server, &staff, id, &["running", "completed"]).await;
    let issued = server
        .call(
            Method::POST,
            &format!("/api/v1/courses/{id}/certificates"),
            &staff,
            Some(json!({ "enrolment_id": enrolment_id })),
        )
        .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.text);
    let code = issued.json()["verification_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let mail = smtp
        .wait_for("lena@example.org", "Your certificate has been issued")
        .await;
    assert_eq!(
        mail.link("https://mentorat.example/pruefen/"),
        format!("https://mentorat.example/pruefen/{code}")
    );
    let to_her = smtp
        .received()
        .iter()
        .filter(|m| m.to == ["lena@example.org"])
        .count();
    assert_eq!(to_her, 5, "confirm, placed, moved, cancelled, certificate");
    server.stop().await;
}

async fn participants_are_reminded_two_days_ahead_with_the_calendar_entry(app: &TestApp) {
    use chrono::Datelike;
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let smtp = SmtpServer::start();
    let server = mailing(app, &smtp).await;
    let staff = server.staff_token().await;
    let course = open_course(&server, &staff, 5).await;
    // The server reminds by the date in Berlin; near midnight UTC that is already tomorrow.
    let in_two_days = backend::dates::today_in_berlin() + chrono::Days::new(2);
    for date in [in_two_days, in_two_days + chrono::Days::new(7)] {
        server
            .call(
                Method::POST,
                &format!("/api/v1/courses/{course}/sessions"),
                &staff,
                Some(json!({ "date": date, "start": "18:00:00", "end": "21:30:00", "room": "Bürgerhaus, Saal 1" })),
            )
            .await;
    }
    register(&server, course, form("Jonas", "Berger", "jonas@example.de")).await;
    let mail = smtp.wait_for("jonas@example.de", "Bitte bestätigen").await;
    confirm(&server, &mail.link(CONFIRM)).await;

    // A server that reminds (as every server does by default) finds the session in two days.
    let reminding = || {
        server.instance_with(Options {
            smtp_url: Some(smtp.url()),
            remind: true,
            ..Options::default()
        })
    };
    let first = reminding().await;
    let date = format!(
        "{}. {} {}",
        in_two_days.day(),
        shared::MONTHS_DE[in_two_days.month0() as usize],
        in_two_days.year()
    );
    let reminder = smtp
        .wait_for(
            "jonas@example.de",
            &format!("Erinnerung: Mentorenkurs Esslingen am {date}"),
        )
        .await;
    assert!(
        reminder
            .body
            .contains(&format!("{date}, 18:00–21:30 Uhr, Bürgerhaus, Saal 1")),
        "{}",
        reminder.body
    );
    let [entry] = reminder.attachments.as_slice() else {
        panic!("one attachment: {reminder:?}");
    };
    assert_eq!(entry.filename.as_deref(), Some("kurstermin.ics"));
    assert_eq!(entry.content_type, "text/calendar");
    let calendar = icalendar::parser::read_calendar(&entry.content).expect("iCalendar");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), 1, "only the session reminded of");
    assert!(
        entry
            .content
            .contains(&format!("DTSTART:{}T", in_two_days.format("%Y%m%d"))),
        "{}",
        entry.content
    );
    // Another server, or a restart, reminds nobody twice.
    let second = reminding().await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let reminders = smtp
        .received()
        .iter()
        .filter(|m| m.subject.starts_with("Erinnerung"))
        .count();
    assert_eq!(reminders, 1);
    first.stop().await;
    second.stop().await;
    server.stop().await;
}

async fn a_cancelled_course_tells_everyone_enrolled_and_waiting(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let smtp = SmtpServer::start();
    let server = mailing(app, &smtp).await;
    let staff = server.staff_token().await;
    let course = open_course(&server, &staff, 1).await;
    for (given, email) in [("Ayşe", "ayse@example.de"), ("Jonas", "jonas@example.de")] {
        let sent = register(&server, course, form(given, "Beispiel", email)).await;
        assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.text);
        let mail = smtp
            .wait_for(email, "Bitte bestätigen Sie Ihre Anmeldung")
            .await;
        assert_eq!(
            confirm(&server, &mail.link(CONFIRM)).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(
        enrolment_statuses(&server, &staff, course).await,
        ["confirmed", "waitlisted"]
    );
    let cancelled = server
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{course}/status"),
            &staff,
            Some(json!({ "status": "cancelled" })),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text);
    for to in ["ayse@example.de", "jonas@example.de"] {
        let mail = smtp
            .wait_for(to, "Kurs abgesagt: Mentorenkurs Esslingen")
            .await;
        assert!(
            mail.body
                .contains("findet der Kurs „Mentorenkurs Esslingen“ nicht statt"),
            "{}",
            mail.body
        );
    }
    server.stop().await;
}

on_both_databases!(
    a_citizen_confirms_by_mail_gets_a_place_and_withdraws,
    an_unconfirmed_registration_expires_and_its_link_works_once,
    public_confirmations_hold_the_capacity_on_two_servers,
    the_public_form_resists_robots_floods_and_probing,
    a_known_person_is_matched_and_a_likely_one_goes_to_review,
    participants_hear_of_moved_and_cancelled_sessions_and_their_certificate,
    participants_are_reminded_two_days_ahead_with_the_calendar_entry,
    a_cancelled_course_tells_everyone_enrolled_and_waiting,
);
