//! Security headers on every kind of response, and CORS: public reads open to every web site,
//! authenticated calls only from the app itself and the configured origins.

use tests::{on_both_databases, Method, StatusCode, TestApp, ALLOWED_ORIGIN};

async fn every_response_carries_the_security_headers(app: &TestApp) {
    let token = app.staff_token().await;
    let replies = [
        ("/", app.get("/").await),
        ("/api/v1/fields", app.get("/api/v1/fields").await),
        ("/api/v1/nowhere", app.get("/api/v1/nowhere").await),
        (
            "/api/v1/public/nowhere",
            app.get("/api/v1/public/nowhere").await,
        ),
        ("/api/v1/people (no token)", app.get("/api/v1/people").await),
        (
            "/api/v1/people",
            app.call(Method::GET, "/api/v1/people", &token, None).await,
        ),
    ];
    for (what, reply) in &replies {
        let csp = reply
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{what}: no CSP"));
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'")
                && csp.contains("frame-ancestors 'none'"),
            "{what}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{what}");
        assert_eq!(
            reply.header("referrer-policy"),
            Some("no-referrer"),
            "{what}"
        );
    }
    assert_eq!(replies[2].1.status, StatusCode::NOT_FOUND);
    assert_eq!(replies[3].1.status, StatusCode::NOT_FOUND);
    assert_eq!(
        replies[3].1.header("content-type"),
        Some("application/problem+json")
    );
    // Swagger UI needs its inline script, and gets it only there.
    let docs = app.get("/api/docs/").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs
        .header("content-security-policy")
        .unwrap()
        .contains("'unsafe-inline'"));
}

async fn authenticated_calls_only_from_allowed_origins(app: &TestApp) {
    let token = app.staff_token().await;
    let preflight = |origin: &'static str, path: &'static str| {
        app.client
            .request(Method::OPTIONS, app.url(path))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type",
            )
    };
    // A foreign site's preflight is refused, so its page cannot send a token at all.
    let foreign = app
        .send(preflight("https://evil.example", "/api/v1/people"))
        .await;
    assert_eq!(foreign.header("access-control-allow-origin"), None);
    let foreign_get = app
        .send(
            app.client
                .get(app.url("/api/v1/people"))
                .bearer_auth(&token)
                .header("origin", "https://evil.example"),
        )
        .await;
    // Without the header the browser keeps the answer from the foreign page.
    assert_eq!(foreign_get.header("access-control-allow-origin"), None);
    // The configured municipal site may.
    let allowed = app.send(preflight(ALLOWED_ORIGIN, "/api/v1/people")).await;
    assert_eq!(allowed.status, StatusCode::OK);
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
    let allowed_get = app
        .send(
            app.client
                .get(app.url("/api/v1/people"))
                .bearer_auth(&token)
                .header("origin", ALLOWED_ORIGIN),
        )
        .await;
    assert_eq!(allowed_get.status, StatusCode::OK);
    assert_eq!(
        allowed_get.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
    // The app itself: its own origin, as browsers send it on POST.
    let own_origin = app.url("").trim_end_matches('/').to_owned();
    let own = app
        .send(
            app.client
                .post(app.url("/api/v1/fields"))
                .bearer_auth(&token)
                .header("origin", own_origin)
                .json(&serde_json::json!({ "name_de": "Sport", "name_en": "Sports" })),
        )
        .await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.text);
    // Public reads stay open to everyone.
    let public = app
        .send(
            app.client
                .get(app.url("/api/v1/public/courses"))
                .header("origin", "https://evil.example"),
        )
        .await;
    assert_eq!(public.header("access-control-allow-origin"), Some("*"));
    let spec = app
        .send(
            app.client
                .get(app.url("/api/v1/openapi.json"))
                .header("origin", "https://editor.example"),
        )
        .await;
    assert_eq!(spec.header("access-control-allow-origin"), Some("*"));
}

/// Every reference read anyone may make can be fetched from a municipal web page; changing
/// the same resources stays with the app and the configured origins.
async fn public_reference_reads_are_open_to_every_web_site(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let foreign = "https://www.gemeinde-beispiel.de";
    for path in [
        "/api/v1/courses",
        "/api/v1/sessions",
        "/api/v1/districts",
        "/api/v1/districts/08111",
        "/api/v1/municipalities?district=08111",
        "/api/v1/municipalities/08111000",
        "/api/v1/fields",
        "/api/v1/fields/1",
        "/api/v1/organisations",
        "/api/v1/coverage",
    ] {
        let read = app
            .send(app.client.get(app.url(path)).header("origin", foreign))
            .await;
        assert_eq!(read.status, StatusCode::OK, "{path}: {}", read.text);
        assert_eq!(
            read.header("access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        let preflight = app
            .send(
                app.client
                    .request(Method::OPTIONS, app.url(path))
                    .header("origin", foreign)
                    .header("access-control-request-method", "GET")
                    .header("access-control-request-headers", "if-none-match"),
            )
            .await;
        assert!(
            preflight.status.is_success(),
            "{path}: {:?}",
            preflight.status
        );
        assert_eq!(
            preflight.header("access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
    }
    // Writing to the same collection from a foreign page is not allowed.
    let write = app
        .send(
            app.client
                .request(Method::OPTIONS, app.url("/api/v1/fields"))
                .header("origin", foreign)
                .header("access-control-request-method", "POST"),
        )
        .await;
    assert_ne!(write.header("access-control-allow-origin"), Some("*"));
    assert_ne!(write.header("access-control-allow-origin"), Some(foreign));
    let created = app
        .call(
            Method::POST,
            "/api/v1/fields",
            &token,
            Some(serde_json::json!({ "name_de": "Sport", "name_en": "Sports" })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
}

on_both_databases!(
    every_response_carries_the_security_headers,
    authenticated_calls_only_from_allowed_origins,
    public_reference_reads_are_open_to_every_web_site
);
