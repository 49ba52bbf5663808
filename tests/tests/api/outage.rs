//! Database outages on PostgreSQL: while the database cannot be reached, answers are a quick
//! 503 with `Retry-After`; once it is back, the next request succeeds; a statement cut off by
//! a restart answers 503, not 500. The outage is a TCP proxy of the test's own between the
//! server and the cluster, which keeps running for every other test.

use serde_json::json;
use std::time::{Duration, Instant};
use tests::proxy::TcpProxy;
use tests::{Method, Options, StatusCode, TestApp};

/// Removes the test's database when the test ends, however it ends.
struct Database(String);

impl Drop for Database {
    fn drop(&mut self) {
        tests::drop_pg_database(&self.0);
    }
}

fn upstream() -> std::net::SocketAddr {
    let base = tests::pg_base_url();
    let host_port = base
        .rsplit('@')
        .next()
        .unwrap()
        .trim_start_matches("postgres://");
    std::net::ToSocketAddrs::to_socket_addrs(host_port)
        .expect("PostgreSQL address")
        .next()
        .unwrap()
}

/// The request answers 503 problem+json with `Retry-After`, within three seconds.
async fn unavailable_quickly(app: &TestApp, request: reqwest::RequestBuilder) {
    let started = Instant::now();
    let reply = app.send(request).await;
    let took = started.elapsed();
    reply.problem(503);
    assert!(reply.header("retry-after").is_some(), "{:?}", reply.headers);
    assert!(took < Duration::from_secs(3), "503 after {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_answers_503_quickly_and_recovers_by_itself() {
    let database = Database(tests::create_pg_database());
    let proxy = TcpProxy::start(upstream()).await;
    let user = tests::pg_base_url()
        .trim_start_matches("postgres://")
        .split('@')
        .next()
        .unwrap()
        .to_owned();
    let url = format!(
        "postgres://{user}@127.0.0.1:{}/{}",
        proxy.port(),
        database.0
    );
    let app = tests::spawn_with(
        tests::Database::Postgres,
        Options {
            database_url: Some(url),
            ..Default::default()
        },
    )
    .await;
    let staff = app.staff_token().await;
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    assert_eq!(app.get("/api/v1/fields").await.status, StatusCode::OK);

    proxy.stop();
    unavailable_quickly(&app, app.client.get(app.url("/readyz"))).await;
    unavailable_quickly(&app, app.client.get(app.url("/api/v1/fields"))).await;
    unavailable_quickly(
        &app,
        app.client
            .post(app.url("/api/v1/organisations"))
            .bearer_auth(&staff)
            .json(&json!({ "kind": "association", "name": "Bürgerverein" })),
    )
    .await;
    // A rush of citizens' registrations (writes from the first statement): four turns, one
    // per connection, each wait two seconds for a connection; the writes queued behind them
    // learn from them instead of each waiting its own two seconds, four at a time.
    let started = Instant::now();
    let rush = (0..16).map(|i| {
        app.send(
            app.client
                .post(app.url("/api/v1/courses/1/registrations"))
                .json(&json!({
                    "given_name": "Lena", "family_name": format!("Eilig {i}"),
                    "email": format!("eilig{i}@example.org"), "municipality": "08116019",
                    "consent": true,
                    "consent_text_version": shared::registrations::CONSENT_VERSION,
                })),
        )
    });
    let replies = futures::future::join_all(rush).await;
    let took = started.elapsed();
    for reply in &replies {
        reply.problem(503);
    }
    assert!(took < Duration::from_secs(5), "the rush took {took:?}");
    assert_eq!(
        app.get("/healthz").await.status,
        StatusCode::OK,
        "the process itself is up"
    );

    proxy.resume().await;
    let back = app.get("/api/v1/fields").await;
    assert_eq!(
        back.status,
        StatusCode::OK,
        "the first request after: {}",
        back.text
    );
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    let created = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &staff,
            Some(json!({ "kind": "association", "name": "Bürgerverein" })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statement_cut_off_by_a_restart_answers_503() {
    use diesel::{Connection, PgConnection, RunQueryDsl};
    let app = tests::spawn(tests::Database::Postgres).await;
    let staff = app.staff_token().await;
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let person = crate::people::create(
        &app,
        &staff,
        crate::people::mentor("Rita", "Neustart", "08111000", &[1], "active"),
    )
    .await;

    // Hold the publication row, so the consent change below waits inside its statement.
    let url = app.database_url.clone();
    let (held, release) = tokio::sync::oneshot::channel::<()>();
    let (locked, is_locked) = tokio::sync::oneshot::channel::<()>();
    let holder = tokio::task::spawn_blocking(move || {
        let mut conn = PgConnection::establish(&url).unwrap();
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            diesel::sql_query("SELECT * FROM publication_state FOR UPDATE").execute(conn)?;
            locked.send(()).unwrap();
            let _ = release.blocking_recv();
            Ok(())
        })
        .unwrap();
    });
    is_locked.await.unwrap();
    let consent_path = format!("/api/v1/people/{}/consent", person["id"]);
    let waiting = app.call(
        Method::PUT,
        &consent_path,
        &staff,
        Some(json!({ "level": "contact" })),
    );
    let restart = async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        // What a restart does to the server's sessions: they are terminated mid-statement.
        let url = app.database_url.clone();
        tokio::task::spawn_blocking(move || {
            let mut admin = PgConnection::establish(&url).unwrap();
            diesel::sql_query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid() \
                 AND query NOT LIKE '%FOR UPDATE%'",
            )
            .execute(&mut admin)
            .unwrap();
        })
        .await
        .unwrap();
    };
    let (reply, ()) = futures::join!(waiting, restart);
    reply.problem(503);
    held.send(()).unwrap();
    holder.await.unwrap();
    let again = app
        .call(
            Method::PUT,
            &format!("/api/v1/people/{}/consent", person["id"]),
            &staff,
            Some(json!({ "level": "contact" })),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    app.stop().await;
}
