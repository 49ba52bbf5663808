//! The application: state, routes and the HTTP server. `main` and the tests build it the same way.

use crate::auth::{load_or_create_secret, TokenKeys};
use crate::config::ServerConfig;
use crate::db::{self, Db};
use crate::error::{ensure_problem_json, json_error, path_error, query_error, ApiError};
use crate::openapi::ApiDoc;
use actix_web::dev::{fn_service, Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::{DefaultHeaders, ErrorHandlers};
use actix_web::{web, App, HttpResponse, HttpServer};
use diesel::connection::SimpleConnection;
use std::net::TcpListener;
use std::path::PathBuf;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

/// Shared by all handlers.
pub struct AppState {
    pub db: Db,
    pub tokens: TokenKeys,
    /// Public listing responses of the current publication generation.
    pub public_cache: std::sync::Arc<crate::publication::ResponseCache>,
    /// Where people reach the web app (without a trailing slash).
    pub public_url: String,
}

pub struct Application {
    server: Server,
    port: u16,
}

impl Application {
    /// Connects to the database (applying migrations), prepares the signing secret, optionally
    /// seeds demo data, and binds the listener. Nothing is served until [`Application::run`].
    pub fn build(config: ServerConfig) -> anyhow::Result<Self> {
        let pool = db::connect(&config.database.database_url, config.database.db_pool_size)?;
        let mut conn = pool.get()?;
        let secret = load_or_create_secret(&mut conn, config.jwt_secret.as_deref())?;
        if config.demo {
            crate::demo::seed_if_empty(&mut conn)?;
        }
        drop(conn);
        let state = web::Data::new(AppState {
            db: Db::new(pool),
            tokens: TokenKeys::new(&secret, chrono::Duration::minutes(config.token_minutes)),
            public_cache: Default::default(),
            public_url: config.public_url.trim_end_matches('/').to_owned(),
        });
        let listener = TcpListener::bind(&config.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.bind))?;
        let port = listener.local_addr()?.port();
        let static_dir = config.static_dir.join("index.html").is_file().then(|| config.static_dir.clone());
        if static_dir.is_none() {
            tracing::warn!(dir = %config.static_dir.display(), "web app not built; `cargo xtask serve` builds it");
        }
        let body_limit = config.body_limit;
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(ErrorHandlers::new().default_handler_client(ensure_problem_json).default_handler_server(ensure_problem_json))
                .wrap(security_headers())
                .wrap(tracing_actix_web::TracingLogger::default())
                .configure(|cfg| configure(cfg, state.clone(), body_limit, static_dir.clone()))
        })
        .listen(listener)?;
        if config.workers > 0 {
            server = server.workers(config.workers);
        }
        tracing::info!(port, database = %db::redact(&config.database.database_url), "Mentorat listening");
        Ok(Self { server: server.run(), port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server gracefully (the tests stop every server they start, so no
    /// worker thread outlives its test).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn public_cors() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allow_any_origin()
        .send_wildcard()
        .allowed_methods(["GET"])
        .allowed_headers([actix_web::http::header::IF_NONE_MATCH, actix_web::http::header::ACCEPT])
        .expose_headers([actix_web::http::header::ETAG, actix_web::http::header::LINK])
        .max_age(86400)
}

fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
}

/// All routes: the API under `/api/v1`, its docs, health checks and the web app.
/// `static_dir` is the built web app, if there is one.
pub fn configure(cfg: &mut web::ServiceConfig, state: web::Data<AppState>, body_limit: usize, static_dir: Option<PathBuf>) {
    cfg.app_data(state)
        .app_data(web::JsonConfig::default().limit(body_limit).error_handler(json_error))
        .app_data(web::PayloadConfig::default().limit(body_limit))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error))
        .service(web::resource("/healthz").get(healthz))
        .service(web::resource("/readyz").get(readyz))
        .service(
            web::scope("/api/v1")
                .service(web::resource("/openapi.json").get(openapi_json))
                .configure(crate::auth::routes::routes)
                .configure(crate::fields::routes)
                .configure(crate::districts::routes)
                .configure(crate::municipalities::routes)
                .configure(crate::organisations::routes)
                .configure(crate::people::routes)
                .configure(crate::courses::routes)
                .configure(crate::enrolments::routes)
                .configure(crate::attendance::routes)
                .configure(crate::certificates::routes)
                .service(
                    // Public reads for municipal web sites: any origin may fetch them.
                    web::scope("/public")
                        .wrap(public_cors())
                        .service(web::resource("/mentors").get(crate::people::public::list))
                        .service(web::resource("/courses").get(crate::courses::public_list))
                        .service(web::resource("/courses.ics").get(crate::calendar::open_courses))
                        .service(web::resource("/certificates/{code}").get(crate::certificates::verify)),
                )
                .service(web::resource("/coverage").wrap(public_cors()).get(crate::coverage::get))
                .default_service(web::to(|| async { Err::<HttpResponse, _>(ApiError::NotFound("Diese Adresse gibt es in der API nicht.".into())) })),
        )
        .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", ApiDoc::openapi()))
        .service(web::redirect("/api/docs", "/api/docs/"));
    spa(cfg, static_dir);
}

/// Serves the built web app; unknown paths get `index.html` so the app's router can take over.
fn spa(cfg: &mut web::ServiceConfig, dir: Option<PathBuf>) {
    let Some(dir) = dir else {
        cfg.default_service(web::to(|| async {
            HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
                "<!doctype html><html lang=de><meta charset=utf-8><title>Mentorat</title>\
                 <p>Die Web-Oberfläche ist noch nicht gebaut: <code>cargo xtask serve</code> baut sie. \
                 Die API läuft unter <a href=/api/docs/>/api/docs</a>.</p></html>",
            )
        }));
        return;
    };
    let index = dir.join("index.html");
    cfg.service(
        actix_files::Files::new("/", dir)
            .index_file("index.html")
            .default_handler(fn_service(move |req: ServiceRequest| {
                let index = index.clone();
                async move {
                    let (req, _) = req.into_parts();
                    let file = actix_files::NamedFile::open_async(index).await?;
                    let res = file.use_etag(true).into_response(&req);
                    Ok(ServiceResponse::new(req, res))
                }
            })),
    );
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "Alive")))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The database answers.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses((status = 200, description = "Ready"), (status = 503, body = shared::Problem, content_type = "application/problem+json")))]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db
        .run(|conn| conn.batch_execute("SELECT 1").map_err(|e| ApiError::Unavailable(e.to_string())))
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ready" })))
}

async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(crate::openapi::document_json())
}
