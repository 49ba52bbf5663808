//! The mail queue survives a server killed while sending (`kill -9`): no mail is lost and none
//! goes twice to the same recipient; the one caught in the middle is marked for an admin.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;
use tests::tools::SmtpServer;
use tests::{on_both_databases, Method, ServerProcess, StatusCode, TestApp};

/// Not a test of its own: the server process the test below starts and kills.
#[test]
fn server_process() {
    tests::serve_if_child();
}

const CHILD: &str = "mail_queue::server_process";

async fn states(app: &TestApp) -> BTreeMap<String, i64> {
    let admin = app.admin_token().await;
    let queue = app
        .call(Method::GET, "/api/v1/outbox", &admin, None)
        .await
        .json();
    let mut count = BTreeMap::new();
    for mail in queue.as_array().unwrap() {
        *count
            .entry(mail["state"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    count
}

async fn no_mail_is_lost_or_sent_twice_when_the_server_is_killed_while_sending(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let course = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &staff,
            Some(json!({ "kind": "mentor_course", "title": "Mentorenkurs Filderstadt", "capacity": 20 })),
        )
        .await
        .json()["id"]
        .clone();
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{course}/status"),
        &staff,
        Some(json!({ "status": "registration_open" })),
    )
    .await;
    // A mail server that takes half a second to answer each mail, after it has it.
    let smtp = SmtpServer::with_delay(0.5);
    let first = ServerProcess::start(CHILD, &app.database_url, &smtp.url());
    let client = reqwest::Client::new();
    let addresses: Vec<String> = (0..6).map(|i| format!("person{i}@example.de")).collect();
    for (i, address) in addresses.iter().enumerate() {
        let form = json!({
            "given_name": "Person", "family_name": format!("Nummer {i}"), "email": address,
            "municipality": "08116020", "consent": true,
            "consent_text_version": shared::registrations::CONSENT_VERSION,
        });
        let reply = client
            .post(first.url(&format!("/api/v1/courses/{course}/registrations")))
            .json(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), StatusCode::ACCEPTED);
    }
    // Killed while the third mail is with the mail server, before it answered.
    for _ in 0..2000 {
        if smtp.received().len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    first.kill();
    assert_eq!(smtp.received().len(), 3);
    assert_eq!(
        states(app).await,
        BTreeMap::from([
            ("sending".into(), 1),
            ("sent".into(), 2),
            ("queued".into(), 3)
        ])
    );

    // Ten minutes later (the claim's time, moved here) another server takes over.
    app.execute_sql(
        "UPDATE mail_outbox SET claimed_until = '2026-01-01 00:00:00' WHERE state = 'sending'",
    )
    .await;
    let second = ServerProcess::start(CHILD, &app.database_url, &smtp.url());
    let mut seen = BTreeMap::new();
    for _ in 0..300 {
        seen = states(app).await;
        if seen.get("sent") == Some(&5) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        seen,
        BTreeMap::from([("sent".into(), 5), ("uncertain".into(), 1)])
    );
    // Everyone has their mail, nobody twice: the uncertain one had arrived.
    let mut arrived: Vec<String> = smtp.received().iter().flat_map(|m| m.to.clone()).collect();
    arrived.sort();
    assert_eq!(arrived, addresses);

    // An admin who learns it did not arrive sends it again.
    let admin = app.admin_token().await;
    let queue = app
        .call(Method::GET, "/api/v1/outbox?state=uncertain", &admin, None)
        .await
        .json();
    let uncertain: &Value = &queue[0];
    assert!(uncertain["last_error"]
        .as_str()
        .unwrap()
        .contains("unterbrochen"));
    let again = client
        .post(second.url(&format!("/api/v1/outbox/{}/send-again", uncertain["id"])))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::ACCEPTED);
    for _ in 0..200 {
        if smtp.received().len() == 7 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        smtp.received().last().unwrap().to,
        uncertain["recipient"]
            .as_str()
            .map(|r| vec![r.to_owned()])
            .unwrap()
    );
    second.kill();
}

on_both_databases!(no_mail_is_lost_or_sent_twice_when_the_server_is_killed_while_sending);
