//! Trainer tandems applying for a Mentorentrainerkurs, read back through a real SMTP server:
//! each partner's own confirmation link, staff's queue and decision, what acceptance records
//! (trainers in training, the tandem's enrolment, the local course as a draft led by them), the
//! mails both receive, and decisions and confirmations racing on two servers.

use chrono::{Days, Local};
use serde_json::{json, Value};
use tests::tools::SmtpServer;
use tests::{on_both_databases, Method, Options, StatusCode, TestApp};

const CONFIRM: &str = "https://mentorat.example/tandem/bestaetigen/";

/// An open Mentorentrainerkurs with `capacity` places (two per tandem).
async fn trainer_course(app: &TestApp, token: &str, capacity: i64) -> i64 {
    let body = json!({
        "kind": "trainer_course", "title": "Mentorentrainerkurs Frühjahr", "capacity": capacity,
    });
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

fn in_days(days: u64) -> String {
    (Local::now().date_naive() + Days::new(days)).to_string()
}

/// An application of a professional and a citizen, by first names (their addresses follow).
fn form(professional: &str, citizen: &str) -> Value {
    let partner = |name: &str, family: &str| {
        json!({
            "given_name": name, "family_name": family,
            "email": format!("{}@example.de", name.to_lowercase()),
        })
    };
    json!({
        "professional": partner(professional, "Keller"),
        "employer": "Stadt Esslingen am Neckar",
        "citizen": partner(citizen, "Maier"),
        "municipality": "08116019",
        "planned_start": in_days(60),
        "planned_end": in_days(150),
        "venue": "Bürgerhaus Esslingen",
        "motivation": "Wir wollen Vereine und Schulen zusammenbringen.",
        "consent": true,
        "consent_text_version": shared::tandems::TANDEM_CONSENT_VERSION,
    })
}

async fn apply(app: &TestApp, course: i64, body: &Value) -> tests::Reply {
    app.send(
        app.client
            .post(app.url(&format!("/api/v1/courses/{course}/tandem-applications")))
            .json(body),
    )
    .await
}

async fn confirm(app: &TestApp, link: &str) -> tests::Reply {
    let token = link.strip_prefix(CONFIRM).expect("a confirmation link");
    app.send(
        app.client
            .post(app.url(&format!("/api/v1/tandem-applications/confirm/{token}"))),
    )
    .await
}

async fn waiting(app: &TestApp, token: &str) -> Vec<Value> {
    let reply = app
        .call(Method::GET, "/api/v1/tandem-applications", token, None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json().as_array().unwrap().clone()
}

async fn decide(app: &TestApp, token: &str, id: i64, decision: Value) -> tests::Reply {
    app.call(
        Method::POST,
        &format!("/api/v1/tandem-applications/{id}/decision"),
        token,
        Some(decision),
    )
    .await
}

async fn mailing(app: &TestApp, smtp: &SmtpServer) -> TestApp {
    app.instance_with(Options {
        smtp_url: Some(smtp.url()),
        ..Options::default()
    })
    .await
}

/// Applies and confirms both links; answers the links.
async fn apply_and_confirm(
    app: &TestApp,
    smtp: &SmtpServer,
    course: i64,
    professional: &str,
    citizen: &str,
) {
    let sent = apply(app, course, &form(professional, citizen)).await;
    assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.text);
    for name in [professional, citizen] {
        let to = format!("{}@example.de", name.to_lowercase());
        let mail = smtp
            .wait_for(&to, "Bitte bestätigen Sie Ihre Tandembewerbung")
            .await;
        let reply = confirm(app, &mail.link(CONFIRM)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let reply = app.call(Method::GET, path, token, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text);
    reply.json()
}

async fn a_tandem_applies_both_confirm_and_staff_accept(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let smtp = SmtpServer::start();
    let server = mailing(app, &smtp).await;
    let staff = server.staff_token().await;
    let course = trainer_course(&server, &staff, 4).await;
    // The professional is known already, with the same address and name.
    let known = server
        .call(
            Method::POST,
            "/api/v1/people",
            &staff,
            Some(json!({ "given_name": "Petra", "family_name": "Keller", "email": "petra@example.de" })),
        )
        .await;
    assert_eq!(known.status, StatusCode::CREATED, "{}", known.text);
    let petra = known.json()["id"].as_i64().unwrap();

    let sent = apply(&server, course, &form("Petra", "Bernd")).await;
    assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.text);
    let to_petra = smtp
        .wait_for(
            "petra@example.de",
            "Bitte bestätigen Sie Ihre Tandembewerbung",
        )
        .await;
    assert!(
        to_petra.body.starts_with("Guten Tag Petra Keller,"),
        "{}",
        to_petra.body
    );
    assert!(
        to_petra.body.contains("gemeinsam mit Bernd Maier"),
        "{}",
        to_petra.body
    );
    let to_bernd = smtp
        .wait_for(
            "bernd@example.de",
            "Bitte bestätigen Sie Ihre Tandembewerbung",
        )
        .await;
    assert!(
        to_bernd.body.contains("gemeinsam mit Petra Keller"),
        "{}",
        to_bernd.body
    );
    assert_ne!(
        to_petra.link(CONFIRM),
        to_bernd.link(CONFIRM),
        "each has an own link"
    );
    assert!(
        waiting(&server, &staff).await.is_empty(),
        "nobody confirmed yet"
    );

    let first = confirm(&server, &to_petra.link(CONFIRM)).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let first = first.json();
    assert_eq!(first["state"], "unconfirmed");
    assert_eq!(first["partner_confirmed"], false);
    assert_eq!(first["partner_name"], "Bernd Maier");
    confirm(&server, &to_petra.link(CONFIRM)).await.problem(404);
    assert!(
        waiting(&server, &staff).await.is_empty(),
        "one partner is not enough"
    );

    let second = confirm(&server, &to_bernd.link(CONFIRM)).await.json();
    assert_eq!(second["state"], "submitted", "{second}");
    assert_eq!(second["partner_confirmed"], true);

    server.get("/api/v1/tandem-applications").await.problem(401);
    let list = waiting(&server, &staff).await;
    assert_eq!(list.len(), 1, "{list:?}");
    let application = &list[0];
    assert_eq!(application["course_id"], course);
    assert_eq!(application["professional"]["confirmed"], true);
    assert_eq!(application["citizen"]["confirmed"], true);
    assert_eq!(application["employer"], "Stadt Esslingen am Neckar");
    assert_eq!(application["municipality"]["name"], "Esslingen am Neckar");
    assert_eq!(application["venue"], "Bürgerhaus Esslingen");
    assert_eq!(
        application["professional"]["candidates"][0]["id"], petra,
        "the known record is offered"
    );
    let id = application["id"].as_i64().unwrap();

    let accepted = decide(&server, &staff, id, json!({ "accept": true })).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
    let accepted = accepted.json();
    assert_eq!(accepted["state"], "accepted");
    assert_eq!(
        accepted["professional"]["person_id"], petra,
        "same address and name: the known record, not a second one"
    );
    let bernd = accepted["citizen"]["person_id"].as_i64().unwrap();
    let local = accepted["local_course_id"].as_i64().unwrap();
    decide(&server, &staff, id, json!({ "accept": true }))
        .await
        .problem(409);
    assert!(waiting(&server, &staff).await.is_empty());

    // Both are trainers in training, paired, with the training and the local course.
    for (person, kind, partner) in [(petra, "professional", bernd), (bernd, "citizen", petra)] {
        let record = get(&server, &staff, &format!("/api/v1/people/{person}")).await;
        let trainer = &record["trainer"];
        assert_eq!(trainer["kind"], kind, "{record}");
        assert_eq!(trainer["qualified_since"], Value::Null, "in training");
        assert_eq!(trainer["tandem_partner"], partner);
        assert_eq!(trainer["training"][0]["course_id"], course, "{trainer}");
        assert_eq!(trainer["training"][0]["status"], "confirmed");
        assert_eq!(trainer["training"][0]["local_course_id"], local);
        assert_eq!(
            trainer["training"][0]["local_course_title"],
            "Mentorenkurs Esslingen am Neckar"
        );
    }
    // The trainer course lists them as one tandem with the local course.
    let enrolments = get(
        &server,
        &staff,
        &format!("/api/v1/courses/{course}/enrolments"),
    )
    .await;
    let enrolments = enrolments.as_array().unwrap();
    assert_eq!(enrolments.len(), 2, "{enrolments:?}");
    for e in enrolments {
        assert_eq!(e["status"], "confirmed");
        assert_eq!(e["local_course"], local);
        let partner = if e["person_id"] == petra {
            bernd
        } else {
            petra
        };
        assert_eq!(e["tandem_partner"], partner);
    }
    // The local course: a planned draft in the municipality, led by the tandem.
    let course_page = server
        .call(
            Method::GET,
            &format!("/api/v1/courses/{local}"),
            &staff,
            None,
        )
        .await;
    let local_course = course_page.json();
    assert_eq!(local_course["kind"], "mentor_course");
    assert_eq!(local_course["status"], "planned");
    assert_eq!(local_course["municipality"]["ags"], "08116019");
    assert_eq!(local_course["venue"]["name"], "Bürgerhaus Esslingen");
    assert_eq!(local_course["required_hours"], 40.0);
    let mut trainers: Vec<i64> = local_course["trainers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_i64().unwrap())
        .collect();
    trainers.sort();
    let mut tandem = vec![petra, bernd];
    tandem.sort();
    assert_eq!(trainers, tandem);
    assert_eq!(local_course["trained_in"]["id"], course, "{local_course}");
    let description = local_course["description"].as_str().unwrap();
    assert!(
        description.contains("Petra Keller und Bernd Maier"),
        "{description}"
    );
    // Staff edit the draft; trainers in training may lead the course their training names.
    let edit = json!({
        "kind": "mentor_course", "title": "Mentorenkurs Esslingen 2027",
        "venue": { "name": "Bürgerhaus Esslingen" }, "municipality": "08116019",
        "trainers": local_course["trainers"], "capacity": 16,
    });
    let saved = server
        .send(
            server
                .client
                .put(server.url(&format!("/api/v1/courses/{local}")))
                .bearer_auth(&staff)
                .header("if-match", course_page.header("etag").unwrap())
                .json(&edit),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);

    for to in ["petra@example.de", "bernd@example.de"] {
        let mail = smtp.wait_for(to, "Tandembewerbung angenommen").await;
        assert!(
            mail.body
                .contains("einen Platz im Kurs „Mentorentrainerkurs Frühjahr“"),
            "{}",
            mail.body
        );
        assert!(
            mail.body.contains("„Mentorenkurs Esslingen am Neckar“"),
            "{}",
            mail.body
        );
        assert!(mail.body.contains("in Ausbildung"), "{}", mail.body);
    }
    let rows = server.every_row().await;
    for link in [to_petra.link(CONFIRM), to_bernd.link(CONFIRM)] {
        assert!(
            !rows.contains(&link[CONFIRM.len()..]),
            "a token is stored in clear"
        );
    }
    server.stop().await;
}

async fn a_declined_tandem_hears_why_and_bad_applications_are_refused(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let smtp = SmtpServer::start();
    let server = mailing(app, &smtp).await;
    let staff = server.staff_token().await;
    let course = trainer_course(&server, &staff, 4).await;

    // Errors name the field, the partner included.
    let mut same = form("Anna", "Anna");
    same["citizen"]["family_name"] = json!("Other");
    let refused = apply(&server, course, &same).await.problem(422);
    assert_eq!(refused["errors"][0]["field"], "citizen.email", "{refused}");
    assert_eq!(refused["errors"][0]["code"], "same_email");
    let mut past = form("Anna", "Ben");
    past["planned_start"] = json!("2020-01-01");
    past["planned_end"] = json!("2020-03-01");
    let refused = apply(&server, course, &past).await.problem(422);
    assert_eq!(refused["errors"][0]["field"], "planned_start", "{refused}");
    assert_eq!(refused["errors"][0]["code"], "in_past");
    // A Mentorenkurs takes registrations, not tandem applications.
    let mentor_course = server
        .call(
            Method::POST,
            "/api/v1/courses",
            &staff,
            Some(json!({ "kind": "mentor_course", "title": "Mentorenkurs", "capacity": 10 })),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    apply(&server, mentor_course, &form("Anna", "Ben"))
        .await
        .problem(404);
    // A robot's application is answered like any other and goes nowhere.
    let mut robot = form("Robo", "Tron");
    robot["website"] = json!("http://spam.example");
    assert_eq!(
        apply(&server, course, &robot).await.status,
        StatusCode::ACCEPTED
    );

    // Unconfirmed applications expire with their links.
    let sent = apply(&server, course, &form("Clara", "Dieter")).await;
    assert_eq!(sent.status, StatusCode::ACCEPTED);
    let clara = smtp
        .wait_for(
            "clara@example.de",
            "Bitte bestätigen Sie Ihre Tandembewerbung",
        )
        .await;
    server
        .execute_sql("UPDATE tandem_applications SET confirm_expires_at = '2020-01-01 00:00:00'")
        .await;
    confirm(&server, &clara.link(CONFIRM)).await.problem(404);
    assert_eq!(
        server
            .count_sql("SELECT COUNT(*) AS n FROM tandem_applicants")
            .await,
        0,
        "expired applications are deleted with their personal data"
    );

    apply_and_confirm(&server, &smtp, course, "Eva", "Frank").await;
    let id = waiting(&server, &staff).await[0]["id"].as_i64().unwrap();
    let declined = decide(
        &server,
        &staff,
        id,
        json!({ "accept": false, "reason": "Für Esslingen ist schon ein Tandem in Ausbildung." }),
    )
    .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.text);
    assert_eq!(declined.json()["state"], "declined");
    for to in ["eva@example.de", "frank@example.de"] {
        let mail = smtp.wait_for(to, "Ihre Bewerbung als Trainertandem").await;
        assert!(mail.body.contains("nicht annehmen"), "{}", mail.body);
        assert!(
            mail.body.contains("schon ein Tandem in Ausbildung"),
            "{}",
            mail.body
        );
    }
    assert_eq!(
        server
            .count_sql("SELECT COUNT(*) AS n FROM enrolments")
            .await,
        0,
        "a declined tandem is not enrolled"
    );
    assert!(
        !smtp
            .received()
            .iter()
            .any(|m| m.to.iter().any(|to| to.starts_with("robo@"))),
        "no mail for a robot"
    );
    server.stop().await;
}

/// Both partners confirming at the same moment on two servers submit the application; staff on
/// two servers deciding the same application decide once; tandems accepted at once into a course
/// with one tandem's places get one place and the waitlist.
async fn confirmations_and_decisions_race_safely_on_two_servers(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let smtp = SmtpServer::start();
    let one = mailing(app, &smtp).await;
    let two = mailing(app, &smtp).await;
    let staff = one.staff_token().await;
    let course = trainer_course(&one, &staff, 2).await;
    let pairs = [("Gina", "Hans"), ("Ida", "Jan"), ("Kai", "Lea")];
    for (professional, citizen) in pairs {
        let sent = apply(&one, course, &form(professional, citizen)).await;
        assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.text);
        let links = futures::future::join_all([professional, citizen].map(|name| {
            let to = format!("{}@example.de", name.to_lowercase());
            let smtp = &smtp;
            async move {
                smtp.wait_for(&to, "Bitte bestätigen Sie Ihre Tandembewerbung")
                    .await
                    .link(CONFIRM)
            }
        }))
        .await;
        let (a, b) = tokio::join!(confirm(&one, &links[0]), confirm(&two, &links[1]));
        assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK));
    }
    let list = waiting(&one, &staff).await;
    assert_eq!(
        list.len(),
        3,
        "every application confirmed by both waits: {list:?}"
    );
    let ids: Vec<i64> = list.iter().map(|a| a["id"].as_i64().unwrap()).collect();

    let accept = json!({ "accept": true });
    let replies = futures::future::join_all(ids.iter().flat_map(|id| {
        [
            decide(&one, &staff, *id, accept.clone()),
            decide(&two, &staff, *id, accept.clone()),
        ]
    }))
    .await;
    let ok = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let decided = replies
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT)
        .count();
    assert_eq!((ok, decided), (3, 3), "each application is decided once");
    let statuses: Vec<String> = get(
        &one,
        &staff,
        &format!("/api/v1/courses/{course}/enrolments"),
    )
    .await
    .as_array()
    .unwrap()
    .iter()
    .map(|e| e["status"].as_str().unwrap().to_owned())
    .collect();
    let placed = statuses.iter().filter(|s| *s == "confirmed").count();
    let waitlisted = statuses.iter().filter(|s| *s == "waitlisted").count();
    assert_eq!((placed, waitlisted), (2, 4), "{statuses:?}");
    assert_eq!(
        one.count_sql("SELECT COUNT(*) AS n FROM courses WHERE kind = 'mentor_course'")
            .await,
        3,
        "one local course per accepted tandem"
    );
    one.stop().await;
    two.stop().await;
}

on_both_databases!(
    a_tandem_applies_both_confirm_and_staff_accept,
    a_declined_tandem_hears_why_and_bad_applications_are_refused,
    confirmations_and_decisions_race_safely_on_two_servers,
);
