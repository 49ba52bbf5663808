//! Test harness: spawns the real server (the same [`backend::app::Application`] as `main`) on a
//! fresh SQLite file or a fresh PostgreSQL database per test, and talks to it over HTTP.

pub mod browser;
pub mod fixtures;
pub mod proxy;
pub mod tools;

use backend::app::Application;
use backend::config::{DatabaseConfig, ServerConfig};
use diesel::{Connection, PgConnection, RunQueryDsl};
use rand::Rng;
use serde_json::Value;
pub use shared::auth::Role;
use std::path::PathBuf;

pub use reqwest::{Method, StatusCode};

/// Base URL of the PostgreSQL server for tests (a fresh database is created per test).
pub fn pg_base_url() -> String {
    std::env::var("MENTORAT_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Database {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    server: actix_web::dev::ServerHandle,
    pub client: reqwest::Client,
    pub database_url: String,
    pg_database: Option<String>,
    _dir: tempfile::TempDir,
}

pub const STAFF_PASSWORD: &str = "ein-sicheres-passwort";

/// The one foreign web origin the test servers let call the authenticated API.
pub const ALLOWED_ORIGIN: &str = "https://www.esslingen.example";

/// Options for [`spawn_with`].
#[derive(Default, Clone)]
pub struct Options {
    pub static_dir: Option<PathBuf>,
    pub body_limit: Option<usize>,
    /// Serve an existing database (of another [`TestApp`]) instead of a fresh one.
    pub database_url: Option<String>,
    /// Seed the demo data, as `cargo xtask serve` does.
    pub demo: bool,
    /// Token signing secret; generated when unset.
    pub jwt_secret: Option<String>,
    /// Take client addresses from `X-Forwarded-For`, as behind a reverse proxy.
    pub behind_proxy: bool,
    /// Count report figures ahead, as a server does by default; off in tests unless asked
    /// for, so that no count runs while a test writes its fixture.
    pub count_ahead: bool,
    /// Queue session reminders, as a server does by default; off in tests unless asked for.
    pub remind: bool,
    /// Send mail through this SMTP server (e.g. [`tools::SmtpServer`]) instead of keeping it
    /// in the outbox.
    pub smtp_url: Option<String>,
}

/// Creates a fresh, empty PostgreSQL database and returns its name.
pub fn create_pg_database() -> String {
    let name = format!("mentorat_test_{:016x}", rand::thread_rng().gen::<u64>());
    let mut admin =
        PgConnection::establish(&format!("{}/postgres", pg_base_url())).unwrap_or_else(|e| {
            panic!(
                "PostgreSQL at {} is required for the PostgreSQL tests: {e}",
                pg_base_url()
            )
        });
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .expect("create test database");
    name
}

/// Drops a database made by [`create_pg_database`], whoever is still connected.
pub fn drop_pg_database(name: &str) {
    if let Ok(mut admin) = PgConnection::establish(&format!("{}/postgres", pg_base_url())) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin);
    }
}

/// The settings of a test server on `database_url`.
pub fn server_config(database_url: String, static_dir: PathBuf, options: Options) -> ServerConfig {
    ServerConfig {
        database: DatabaseConfig {
            database_url,
            db_pool_size: 4,
        },
        bind: "127.0.0.1:0".into(),
        public_url: "https://mentorat.example".into(),
        static_dir,
        jwt_secret: options.jwt_secret.map(Into::into),
        token_minutes: 30,
        body_limit: options.body_limit.unwrap_or(256 * 1024),
        workers: 1,
        demo: options.demo,
        cors_origins: vec![ALLOWED_ORIGIN.into()],
        smtp_url: options.smtp_url.map(Into::into),
        behind_proxy: options.behind_proxy,
        count_ahead: options.count_ahead,
        remind: options.remind,
        mail_from: "Mentorat <noreply@mentorat.example>".into(),
        operator: "Bildungsträger im Test".into(),
        contact_email: "barrierefreiheit@test.example".parse().unwrap(),
    }
}

/// A server in a process of its own, for tests that kill it (`kill -9`): the test binary run
/// again with only the test `test_name`, which calls [`serve_if_child`].
pub struct ServerProcess {
    child: std::process::Child,
    pub address: String,
}

const CHILD_DATABASE: &str = "MENTORAT_TEST_CHILD_DATABASE_URL";
const CHILD_SMTP: &str = "MENTORAT_TEST_CHILD_SMTP_URL";

impl ServerProcess {
    pub fn start(test_name: &str, database_url: &str, smtp_url: &str) -> Self {
        use std::io::BufRead;
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([test_name, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_DATABASE, database_url)
            .env(CHILD_SMTP, smtp_url)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the server process");
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let port = stdout
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                // The test harness may have written the test's name before it on the line.
                line.split_once("listening on port ")
                    .map(|(_, port)| port.trim().to_owned())
            })
            .expect("the server process says its port");
        Self {
            child,
            address: format!("http://127.0.0.1:{port}"),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Ends the process at once, as `kill -9` does: nothing is cleaned up or finished.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// In a process started by [`ServerProcess::start`]: serves until killed. Elsewhere (the test
/// run itself) it returns at once.
pub fn serve_if_child() {
    let Ok(database_url) = std::env::var(CHILD_DATABASE) else {
        return;
    };
    let options = Options {
        smtp_url: std::env::var(CHILD_SMTP).ok(),
        ..Options::default()
    };
    let config = server_config(database_url, PathBuf::from("no-frontend"), options);
    actix_web::rt::System::new().block_on(async {
        let app = Application::build(config).expect("application starts");
        println!("listening on port {}", app.port());
        app.run().await.expect("serves");
    });
}

pub async fn spawn(database: Database) -> TestApp {
    spawn_with(database, Options::default()).await
}

pub async fn spawn_with(database: Database, options: Options) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (database_url, pg_database) = match (database, options.database_url.clone()) {
        (_, Some(url)) => (url, None),
        (Database::Sqlite, None) => (dir.path().join("test.db").display().to_string(), None),
        (Database::Postgres, None) => {
            let name = create_pg_database();
            (format!("{}/{name}", pg_base_url()), Some(name))
        }
    };
    let static_dir = options
        .static_dir
        .clone()
        .unwrap_or_else(|| dir.path().join("no-frontend"));
    let config = server_config(database_url.clone(), static_dir, options);
    let app = Application::build(config).expect("application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let server = app.handle();
    tokio::spawn(app.run());
    TestApp {
        address,
        server,
        client: reqwest::Client::new(),
        database_url,
        pg_database,
        _dir: dir,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_database {
            drop_pg_database(name);
        }
    }
}

/// A response, read completely.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    /// The body as sent (PDFs and other binary answers).
    pub bytes: Vec<u8>,
    /// The body as text.
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the body is problem+json with this status and returns it.
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "body: {}",
            self.text
        );
        let body = self.json();
        assert_eq!(body["status"], status);
        assert!(
            body["title"].is_string() && body["detail"].is_string() && body["type"].is_string(),
            "{body}"
        );
        body
    }
}

impl TestApp {
    /// Stops the server and waits for its workers, then removes the test database. Threads
    /// left running at process exit would race the C libraries' exit handlers.
    pub async fn stop(self) {
        self.server.stop(true).await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body read").to_vec();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Reply {
            status,
            headers,
            bytes,
            text,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(self.client.get(self.url(path))).await
    }

    /// A request with `token` as bearer token and `body` as JSON.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.send(request).await
    }

    /// Creates a staff account directly in the database and signs in through the API.
    /// Signs in the staff account `mitarbeiterin@mentorat.example` (created on first use).
    pub async fn staff_token(&self) -> String {
        self.token_for("mitarbeiterin@mentorat.example", Role::Staff)
            .await
    }

    /// Signs in the admin account `admin@mentorat.example` (created on first use).
    pub async fn admin_token(&self) -> String {
        self.token_for("admin@mentorat.example", Role::Admin).await
    }

    /// Invites an account as an admin does (`body` is the invitation) and accepts it with
    /// [`STAFF_PASSWORD`], as the invited person does from the link; the new session's token.
    pub async fn invite_and_accept(&self, admin: &str, body: Value) -> String {
        let invitation = self
            .call(Method::POST, "/api/v1/invitations", admin, Some(body))
            .await
            .json();
        let link = invitation["link"]
            .as_str()
            .unwrap_or_else(|| panic!("no invitation: {invitation}"));
        let token = link.rsplit('/').next().unwrap();
        let accepted = self
            .send(
                self.client
                    .post(self.url(&format!("/api/v1/invitations/{token}/accept")))
                    .json(&serde_json::json!({ "password": STAFF_PASSWORD })),
            )
            .await;
        assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.text);
        accepted.json()["token"].as_str().unwrap().to_owned()
    }

    /// Creates (or resets) the account with [`STAFF_PASSWORD`] and signs it in.
    pub async fn token_for(&self, email: &'static str, role: Role) -> String {
        let url = self.database_url.clone();
        tokio::task::spawn_blocking(move || {
            let pool = backend::db::connect(&url, 1).expect("database");
            let mut conn = pool.get().expect("connection");
            let name = if role == Role::Admin {
                "Administration"
            } else {
                "Mitarbeiterin"
            };
            backend::auth::upsert_account(
                &mut conn,
                &email.parse().unwrap(),
                name,
                STAFF_PASSWORD,
                role,
            )
            .expect("account created");
        })
        .await
        .unwrap();
        let reply = self.login(email, STAFF_PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json()["token"].as_str().expect("token").to_owned()
    }

    /// Runs one SQL statement directly on the test's database (to age records, for example).
    pub async fn execute_sql(&self, sql: &str) {
        let (url, sql) = (self.database_url.clone(), sql.to_owned());
        tokio::task::spawn_blocking(move || {
            use diesel::connection::SimpleConnection;
            let pool = backend::db::connect(&url, 1).expect("database");
            pool.get()
                .expect("connection")
                .batch_execute(&sql)
                .expect("statement runs");
        })
        .await
        .unwrap();
    }

    /// Another server instance on this test's database, as a second node behind a load
    /// balancer would be.
    pub async fn second_instance(&self) -> TestApp {
        self.instance_with(Options::default()).await
    }

    /// [`TestApp::second_instance`] with `options` (their `database_url` is this test's).
    pub async fn instance_with(&self, options: Options) -> TestApp {
        let options = Options {
            database_url: Some(self.database_url.clone()),
            ..options
        };
        spawn_with(Database::Sqlite, options).await
    }

    /// The number a counting statement (`SELECT COUNT(*) AS n FROM …`) gives on the test's
    /// database.
    pub async fn count_sql(&self, sql: &str) -> i64 {
        let (url, sql) = (self.database_url.clone(), sql.to_owned());
        tokio::task::spawn_blocking(move || {
            use backend::db::DbConnection;
            #[derive(diesel::QueryableByName)]
            struct Count {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let pool = backend::db::connect(&url, 1).expect("database");
            let mut conn = pool.get().expect("connection");
            let count: Count = match &mut **conn {
                DbConnection::Sqlite(c) => diesel::sql_query(sql).get_result(c),
                DbConnection::Postgres(c) => diesel::sql_query(sql).get_result(c),
            }
            .expect("a count");
            count.n
        })
        .await
        .unwrap()
    }

    /// How the database would run `sql`: SQLite's `EXPLAIN QUERY PLAN` details, or
    /// PostgreSQL's `EXPLAIN` with sequential scans discouraged, so the plan shows whether an
    /// index can serve the query at all (a table of a few rows is otherwise read whole).
    pub async fn query_plan(&self, sql: &str) -> String {
        let (url, sql) = (self.database_url.clone(), sql.to_owned());
        tokio::task::spawn_blocking(move || {
            use backend::db::DbConnection;
            use diesel::connection::SimpleConnection;
            use diesel::sql_types::Text;
            #[derive(diesel::QueryableByName)]
            struct SqliteStep {
                #[diesel(sql_type = Text)]
                detail: String,
            }
            #[derive(diesel::QueryableByName)]
            struct PgStep {
                #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
                step: String,
            }
            let pool = backend::db::connect(&url, 1).expect("database");
            let mut conn = pool.get().expect("connection");
            let steps: Vec<String> = match &mut **conn {
                DbConnection::Sqlite(c) => diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
                    .load::<SqliteStep>(c)
                    .expect("a plan")
                    .into_iter()
                    .map(|s| s.detail)
                    .collect(),
                DbConnection::Postgres(c) => {
                    c.batch_execute("SET enable_seqscan = off").unwrap();
                    diesel::sql_query(format!("EXPLAIN {sql}"))
                        .load::<PgStep>(c)
                        .expect("a plan")
                        .into_iter()
                        .map(|s| s.step)
                        .collect()
                }
            };
            steps.join("\n")
        })
        .await
        .unwrap()
    }

    /// Every row of every table of the database, as text: to prove erased data is gone.
    pub async fn every_row(&self) -> String {
        let url = self.database_url.clone();
        tokio::task::spawn_blocking(move || {
            use backend::db::DbConnection;
            use diesel::sql_types::Text;
            #[derive(diesel::QueryableByName)]
            struct Line {
                #[diesel(sql_type = Text)]
                line: String,
            }
            let lines = |sql: String, conn: &mut DbConnection| -> Vec<String> {
                let found: Vec<Line> = match conn {
                    DbConnection::Sqlite(c) => diesel::sql_query(sql).load(c),
                    DbConnection::Postgres(c) => diesel::sql_query(sql).load(c),
                }
                .expect("readable");
                found.into_iter().map(|l| l.line).collect()
            };
            let pool = backend::db::connect(&url, 1).expect("database");
            let mut conn = pool.get().expect("connection");
            let postgres = url.starts_with("postgres");
            let tables = if postgres {
                lines("SELECT tablename AS line FROM pg_tables WHERE schemaname = current_schema()".into(), &mut conn)
            } else {
                lines("SELECT name AS line FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'".into(), &mut conn)
            };
            let mut dump = String::new();
            for table in tables {
                let rows = if postgres {
                    lines(format!("SELECT row_to_json(t)::text AS line FROM \"{table}\" t"), &mut conn)
                } else {
                    let columns = lines(format!("SELECT name AS line FROM pragma_table_info('{table}')"), &mut conn);
                    // Blobs (the search index's pages) as hex, so every row reads as text.
                    let joined = columns.iter().map(|c| format!("COALESCE(CASE WHEN typeof(\"{c}\") = 'blob' THEN quote(\"{c}\") ELSE CAST(\"{c}\" AS TEXT) END, '')")).collect::<Vec<_>>().join(" || '|' || ");
                    lines(format!("SELECT {joined} AS line FROM \"{table}\""), &mut conn)
                };
                for row in rows {
                    dump.push_str(&format!("{table}: {row}\n"));
                }
            }
            dump
        })
        .await
        .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.send(
            self.client
                .post(self.url("/api/v1/auth/login"))
                .json(&serde_json::json!({ "email": email, "password": password })),
        )
        .await
    }

    /// Records a qualified trainer tandem (a professional and a citizen) and returns their
    /// person ids, for the `trainers` of a Mentorenkurs that is to be completed.
    pub async fn qualified_tandem(&self, token: &str) -> Value {
        let mut ids = Vec::new();
        for (given, kind) in [("Hanna", "professional"), ("Bruno", "citizen")] {
            let body = serde_json::json!({
                "given_name": given, "family_name": "Tandem",
                "trainer": { "kind": kind, "qualified_since": "2025-03-01" }
            });
            let reply = self
                .call(Method::POST, "/api/v1/people", token, Some(body))
                .await;
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
            ids.push(reply.json()["id"].clone());
        }
        Value::Array(ids)
    }

    /// Adds `count` synthetic mentors directly in the database (as `mentorat seed-mentors`).
    pub async fn seed_mentors(&self, count: usize) {
        let url = self.database_url.clone();
        tokio::task::spawn_blocking(move || {
            let pool = backend::db::connect(&url, 1).expect("database");
            backend::api::people::seed::seed_mentors(&mut pool.get().expect("connection"), count)
                .expect("seeded");
        })
        .await
        .unwrap();
    }

    /// Imports municipalities from CSV text directly, as `mentorat import-municipalities` does.
    pub async fn import_municipalities(&self, csv: &str) {
        let url = self.database_url.clone();
        let csv = csv.to_owned();
        tokio::task::spawn_blocking(move || {
            let pool = backend::db::connect(&url, 1).expect("database");
            let file = backend::api::municipalities::import::parse(&csv).expect("valid fixture");
            backend::api::municipalities::import::apply(
                &mut pool.get().expect("connection"),
                &file,
            )
            .expect("import");
        })
        .await
        .unwrap();
    }
}

/// Runs each named test function (`async fn name(app: &TestApp)`) once on SQLite and once on
/// PostgreSQL, as `<name>::sqlite` and `<name>::postgres`. The functions themselves are plain
/// Rust, so rustfmt and the compiler see them like any other code.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = $crate::spawn($crate::Database::Sqlite).await;
                    super::$name(&app).await;
                    app.stop().await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let app = $crate::spawn($crate::Database::Postgres).await;
                    super::$name(&app).await;
                    app.stop().await;
                }
            }
        )+
    };
}
