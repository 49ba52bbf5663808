//! Sign-in and the protection of writes.

use serde_json::json;
use tests::{on_both_databases, Method, StatusCode, TestApp, STAFF_PASSWORD};

async fn sign_in_returns_a_working_token(app: &TestApp) {
    let token = app.staff_token().await;
    let me = app.call(Method::GET, "/api/v1/auth/me", &token, None).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["email"], "mitarbeiterin@mentorat.example");
    assert_eq!(me.json()["role"], "staff");
    // The e-mail address is case-insensitive.
    let login = app
        .send(app.client.post(app.url("/api/v1/auth/login")).json(
            &json!({ "email": " MitarbeiterIn@Mentorat.example ", "password": STAFF_PASSWORD }),
        ))
        .await;
    assert_eq!(login.status, StatusCode::OK);
}

async fn wrong_password_and_unknown_account_answer_alike(app: &TestApp) {
    app.staff_token().await;
    let wrong = app
        .send(app.client.post(app.url("/api/v1/auth/login")).json(
            &json!({ "email": "mitarbeiterin@mentorat.example", "password": "falsches-passwort" }),
        ))
        .await;
    let unknown =
        app.send(app.client.post(app.url("/api/v1/auth/login")).json(
            &json!({ "email": "niemand@mentorat.example", "password": "falsches-passwort" }),
        ))
        .await;
    assert_eq!(wrong.problem(401), unknown.problem(401));
}

async fn the_generated_secret_is_kept_so_tokens_survive_a_restart(app: &TestApp) {
    let token = app.staff_token().await;
    let second = app.second_instance().await;
    let me = second
        .call(Method::GET, "/api/v1/auth/me", &token, None)
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    second.stop().await;
}

async fn writes_need_a_valid_token(app: &TestApp) {
    let body = json!({ "name_de": "Neues Feld" });
    let anonymous = app
        .send(app.client.post(app.url("/api/v1/fields")).json(&body))
        .await;
    anonymous.problem(401);
    assert_eq!(anonymous.header("www-authenticate"), Some("Bearer"));
    app.call(
        Method::POST,
        "/api/v1/fields",
        "not-a-token",
        Some(body.clone()),
    )
    .await
    .problem(401);
    // A token signed with another secret.
    let forged = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIiwiaXNzIjoibWVudG9yYXQiLCJhdWQiOiJtZW50b3JhdC1hcGkiLCJpYXQiOjE3MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiZXhwIjo0MTAwMDAwMDAwfQ.c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5LXh4eHh4eHh4eHh4eA";
    app.call(Method::POST, "/api/v1/fields", forged, Some(body.clone()))
        .await
        .problem(401);
    let token = app.staff_token().await;
    assert_eq!(
        app.call(Method::POST, "/api/v1/fields", &token, Some(body))
            .await
            .status,
        StatusCode::CREATED
    );
}

on_both_databases!(
    sign_in_returns_a_working_token,
    wrong_password_and_unknown_account_answer_alike,
    the_generated_secret_is_kept_so_tokens_survive_a_restart,
    writes_need_a_valid_token
);

async fn signing_out_revokes_the_token_at_once(app: &TestApp) {
    let token = app.staff_token().await;
    let other_device = app.staff_token().await;
    let out = app
        .call(Method::POST, "/api/v1/auth/logout", &token, None)
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    app.call(Method::GET, "/api/v1/auth/me", &token, None)
        .await
        .problem(401);
    app.call(
        Method::POST,
        "/api/v1/fields",
        &token,
        Some(json!({ "name_de": "Neu" })),
    )
    .await
    .problem(401);
    // Only that session ends; another sign-in of the same account goes on.
    assert_eq!(
        app.call(Method::GET, "/api/v1/auth/me", &other_device, None)
            .await
            .status,
        StatusCode::OK
    );
}

async fn a_password_change_needs_the_old_one_and_ends_the_other_sessions(app: &TestApp) {
    let token = app.staff_token().await;
    let other_device = app.staff_token().await;
    let change =
        |current: &str, new: &str| json!({ "current_password": current, "new_password": new });
    let wrong = app
        .call(
            Method::PUT,
            "/api/v1/auth/password",
            &token,
            Some(change("falsch-falsch", "ganz-neues-passwort")),
        )
        .await
        .problem(422);
    assert_eq!(wrong["errors"][0]["field"], "current_password");
    let short = app
        .call(
            Method::PUT,
            "/api/v1/auth/password",
            &token,
            Some(change(STAFF_PASSWORD, "kurz")),
        )
        .await
        .problem(422);
    assert_eq!(short["errors"][0]["field"], "new_password");
    let done = app
        .call(
            Method::PUT,
            "/api/v1/auth/password",
            &token,
            Some(change(STAFF_PASSWORD, "ganz-neues-passwort")),
        )
        .await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.text);
    assert_eq!(
        app.call(Method::GET, "/api/v1/auth/me", &token, None)
            .await
            .status,
        StatusCode::OK
    );
    app.call(Method::GET, "/api/v1/auth/me", &other_device, None)
        .await
        .problem(401);
    app.login("mitarbeiterin@mentorat.example", STAFF_PASSWORD)
        .await
        .problem(401);
    assert_eq!(
        app.login("mitarbeiterin@mentorat.example", "ganz-neues-passwort")
            .await
            .status,
        StatusCode::OK
    );
}

async fn repeated_failures_make_sign_in_wait_for_known_and_unknown_accounts(app: &TestApp) {
    app.staff_token().await;
    for email in ["mitarbeiterin@mentorat.example", "niemand@mentorat.example"] {
        for _ in 0..5 {
            app.login(email, "falsches-passwort").await.problem(401);
        }
        let blocked = app.login(email, "falsches-passwort").await;
        let problem = blocked.problem(429);
        let wait: i64 = blocked
            .header("retry-after")
            .expect("Retry-After")
            .parse()
            .unwrap();
        assert!((1..=15 * 60).contains(&wait), "{wait}");
        assert!(problem["detail"].as_str().unwrap().contains("Sekunden"));
    }
    // From the guessing client, even the right password waits; other addresses do not.
    app.login("mitarbeiterin@mentorat.example", STAFF_PASSWORD)
        .await
        .problem(429);
    app.token_for("admin@mentorat.example", tests::Role::Admin)
        .await;
}

/// Behind a proxy that names the client: a client guessing one address is stopped, the owner
/// signing in from elsewhere is not; and many clients together meet a higher ceiling.
async fn a_guessing_client_does_not_lock_out_the_owner(app: &TestApp) {
    let proxied = tests::spawn_with(
        tests::Database::Sqlite,
        tests::Options {
            database_url: Some(app.database_url.clone()),
            behind_proxy: true,
            ..Default::default()
        },
    )
    .await;
    app.staff_token().await;
    let email = "mitarbeiterin@mentorat.example";
    let from = |client: &str, password: &str| {
        proxied.send(
            proxied
                .client
                .post(proxied.url("/api/v1/auth/login"))
                .header("x-forwarded-for", client.to_owned())
                .json(&json!({ "email": email, "password": password })),
        )
    };
    for _ in 0..5 {
        from("203.0.113.9", "falsch-geraten").await.problem(401);
    }
    from("203.0.113.9", STAFF_PASSWORD).await.problem(429);
    let owner = from("198.51.100.7", STAFF_PASSWORD).await;
    assert_eq!(owner.status, StatusCode::OK, "{}", owner.text);

    // The ceiling for one address over all clients: 50 attempts per quarter hour.
    let mut statuses = Vec::new();
    for client in 0..10 {
        for _ in 0..5 {
            let address = format!("192.0.2.{client}");
            statuses.push(from(&address, "falsch-geraten").await.status.as_u16());
        }
    }
    // Seven attempts are counted already: the first sign-in, five guesses, the owner's.
    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert_eq!(checked, 50 - 7, "{statuses:?}");
    assert!(
        statuses[checked..].iter().all(|s| *s == 429),
        "{statuses:?}"
    );
    from("192.0.2.200", STAFF_PASSWORD).await.problem(429);
    proxied.stop().await;
}

/// 40 parallel wrong passwords for one address from one client, over two server instances on
/// one database: at most the allowed five are checked, the rest wait; no other answer.
async fn parallel_guesses_are_counted_exactly(app: &TestApp) {
    app.staff_token().await;
    let second = app.second_instance().await;
    let replies = futures::future::join_all((0..40).map(|i| {
        let server = if i % 2 == 0 { app } else { &second };
        server.login("mitarbeiterin@mentorat.example", "falsch-geraten")
    }))
    .await;
    let mut statuses: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    statuses.sort_unstable();
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let waiting = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, waiting), (5, 35), "{statuses:?}");
    app.login("mitarbeiterin@mentorat.example", STAFF_PASSWORD)
        .await
        .problem(429);
    second.stop().await;
}

on_both_databases!(
    signing_out_revokes_the_token_at_once,
    a_password_change_needs_the_old_one_and_ends_the_other_sessions,
    repeated_failures_make_sign_in_wait_for_known_and_unknown_accounts,
    a_guessing_client_does_not_lock_out_the_owner,
    parallel_guesses_are_counted_exactly
);

async fn a_reset_link_by_mail_sets_a_new_password_once(app: &TestApp) {
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let ask = |email: &'static str| {
        app.send(
            app.client
                .post(app.url("/api/v1/auth/password-reset"))
                .json(&json!({ "email": email })),
        )
    };
    let known = ask("Mitarbeiterin@mentorat.example").await;
    let unknown = ask("niemand@mentorat.example").await;
    assert_eq!(
        (known.status, unknown.status),
        (StatusCode::ACCEPTED, StatusCode::ACCEPTED)
    );
    assert_eq!(
        known.text, unknown.text,
        "the answer does not tell which address is known"
    );

    // Without SMTP the mail waits in the outbox, for the administration only.
    app.call(Method::GET, "/api/v1/outbox", &staff, None)
        .await
        .problem(403);
    let outbox = app
        .call(Method::GET, "/api/v1/outbox", &admin, None)
        .await
        .json();
    let mails = outbox.as_array().unwrap();
    assert_eq!(mails.len(), 1, "{outbox}");
    assert_eq!(mails[0]["recipient"], "mitarbeiterin@mentorat.example");
    let body = mails[0]["body"].as_str().unwrap();
    let link = tests::tools::link_in(body, "https://mentorat.example/passwort-zuruecksetzen/")
        .expect("a reset link");
    let token = link.rsplit('/').next().unwrap().to_owned();

    let reset = |password: &'static str| {
        app.send(
            app.client
                .post(app.url(&format!("/api/v1/auth/password-reset/{token}")))
                .json(&json!({ "password": password })),
        )
    };
    reset("kurz").await.problem(422);
    assert_eq!(
        reset("nach-dem-zuruecksetzen").await.status,
        StatusCode::NO_CONTENT
    );
    reset("noch-ein-versuch-hier").await.problem(404);
    app.call(Method::GET, "/api/v1/auth/me", &staff, None)
        .await
        .problem(401);
    app.login("mitarbeiterin@mentorat.example", STAFF_PASSWORD)
        .await
        .problem(401);
    assert_eq!(
        app.login("mitarbeiterin@mentorat.example", "nach-dem-zuruecksetzen")
            .await
            .status,
        StatusCode::OK
    );

    // The token is nowhere in the audit log; the reset is.
    let log = app
        .call(Method::GET, "/api/v1/audit?limit=200", &admin, None)
        .await;
    assert!(!log.text.contains(&token));
    assert!(log.text.contains("\"password_reset\""));

    // Asking again and again sends no more mail after a few requests.
    for _ in 0..8 {
        assert_eq!(
            ask("mitarbeiterin@mentorat.example").await.status,
            StatusCode::ACCEPTED
        );
    }
    let outbox = app
        .call(Method::GET, "/api/v1/outbox", &admin, None)
        .await
        .json();
    assert!(
        outbox.as_array().unwrap().len() <= 5,
        "{}",
        outbox.as_array().unwrap().len()
    );
}

on_both_databases!(a_reset_link_by_mail_sets_a_new_password_once);
