//! The demo data of `cargo xtask serve`: an admin who can sign in, organisations, and courses
//! whose dates lie ahead, so every page has something to show.

use tests::{spawn_with, Database, Options, StatusCode};

async fn demo_data_is_usable(database: Database) {
    let app = spawn_with(
        database,
        Options {
            demo: true,
            ..Options::default()
        },
    )
    .await;
    let login = app
        .send(app.client.post(app.url("/api/v1/auth/login")).json(
            &serde_json::json!({ "email": "admin@mentorat.example", "password": "mentorat-demo" }),
        ))
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text);
    assert_eq!(app.get("/api/v1/organisations").await.json()["total"], 6);
    let courses = app.get("/api/v1/courses").await.json();
    assert_eq!(courses["total"], 2);
    let open = app.get("/api/v1/public/courses").await.json();
    assert_eq!(
        open["items"][0]["title"],
        "Mentorenkurs Esslingen am Neckar"
    );
    assert_eq!(open["items"][0]["free_places"], 16);
    let upcoming = app.get("/api/v1/sessions").await.json();
    assert!(
        upcoming.as_array().unwrap().len() >= 8,
        "the demo course's dates lie ahead: {upcoming}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_on_sqlite() {
    demo_data_is_usable(Database::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_on_postgres() {
    demo_data_is_usable(Database::Postgres).await;
}
