//! The application: state, routes and the HTTP server. `main` and the tests build it the same way.

use crate::config::ServerConfig;
use crate::db::{self, Db};
use crate::error::{ensure_problem_json, json_error, path_error, query_error, ApiError};
use crate::state::AppState;
use crate::tokens::{load_or_create_secret, TokenKeys};
use actix_web::dev::{fn_service, Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Compress, ErrorHandlers};
use actix_web::{guard, web, App, HttpRequest, HttpResponse, HttpServer};
use secrecy::ExposeSecret;
use std::net::TcpListener;
use std::path::PathBuf;
use utoipa_swagger_ui::{Config as SwaggerConfig, SwaggerUi};

/// Computes the stored search texts again if they were made with an older [`crate::text::search_fold`]
/// (see [`crate::text::refresh_search_texts_if_stale`]); `Some(records changed)` when it did.
/// The server does this at start; the seeders first, so they record the version they write
/// with and the first start after them does not read every record again.
pub fn search_texts_up_to_date(conn: &mut db::DbConnection) -> diesel::QueryResult<Option<usize>> {
    crate::text::refresh_search_texts_if_stale(
        conn,
        &[
            crate::api::people::store::refresh_search_texts,
            crate::api::organisations::store::refresh_search_texts,
        ],
    )
}

pub struct Application {
    server: Server,
    port: u16,
    /// For the work beside the requests: counting report figures ahead, unless turned off.
    count_ahead: Option<Db>,
    /// Sending queued mail, when it goes out through SMTP.
    mail: Option<(Db, std::sync::Arc<crate::mail::Mailer>)>,
    /// Queuing session reminders, unless turned off.
    remind: Option<(Db, std::sync::Arc<crate::mail::Mailer>)>,
}

impl Application {
    /// Connects to the database (applying migrations), prepares the signing secret, optionally
    /// seeds demo data, and binds the listener. Nothing is served until [`Application::run`].
    pub fn build(config: ServerConfig) -> anyhow::Result<Self> {
        let db = Db::connect(&config.database.database_url, config.database.db_pool_size)?;
        let mut conn = db.pool().get()?;
        let secret = load_or_create_secret(
            &mut conn,
            config.jwt_secret.as_ref().map(ExposeSecret::expose_secret),
        )?;
        if let Some(loaded) =
            crate::api::municipalities::import::load_reference_if_empty(&mut conn)?
        {
            tracing::info!(
                municipalities = loaded.inserted,
                "official municipality list loaded"
            );
        }
        if let Some(records) = search_texts_up_to_date(&mut conn)? {
            tracing::info!(records, "search texts computed again");
        }
        if config.demo {
            crate::demo::seed_if_empty(&mut conn)?;
        }
        drop(conn);
        let state = web::Data::new(AppState {
            db,
            tokens: TokenKeys::new(&secret, chrono::Duration::minutes(config.token_minutes)),
            public_caches: Default::default(),
            public_url: config.public_url.trim_end_matches('/').to_owned(),
            behind_proxy: config.behind_proxy,
            contact: shared::site::SiteContact {
                operator: config.operator.clone(),
                email: config.contact_email.clone(),
            },
            mailer: std::sync::Arc::new(crate::mail::Mailer::new(
                config.smtp_url.as_ref().map(ExposeSecret::expose_secret),
                &config.mail_from,
            )?),
            allowed_origins: config
                .cors_origins
                .iter()
                .map(|o| o.trim().trim_end_matches('/').to_owned())
                .filter(|o| !o.is_empty())
                .collect(),
        });
        let listener = TcpListener::bind(&config.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.bind))?;
        let port = listener.local_addr()?.port();
        let static_dir = config
            .static_dir
            .join("index.html")
            .is_file()
            .then(|| config.static_dir.clone());
        if static_dir.is_none() {
            tracing::warn!(dir = %config.static_dir.display(), "web app not built; `cargo xtask serve` builds it");
        }
        let body_limit = config.body_limit;
        // Read from the committed OpenAPI document once, not once per worker.
        let routes = web::Data::new(crate::openapi::routes());
        let count_ahead = config.count_ahead.then(|| state.db.clone());
        let mail = (!state.mailer.keeps()).then(|| (state.db.clone(), state.mailer.clone()));
        let remind = config
            .remind
            .then(|| (state.db.clone(), state.mailer.clone()));
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(
                    ErrorHandlers::new()
                        .default_handler_client(ensure_problem_json)
                        .default_handler_server(ensure_problem_json),
                )
                // JSON, CSV and pages compressed for clients that accept it; the web app's
                // files come precompressed (see `precompressed`).
                .wrap(Compress::default())
                .wrap(from_fn(security_headers))
                .wrap(from_fn(head_as_get))
                .wrap(tracing_actix_web::TracingLogger::<crate::http::RequestSpan>::new())
                .configure(|cfg| {
                    configure(
                        cfg,
                        state.clone(),
                        routes.clone(),
                        body_limit,
                        static_dir.clone(),
                    )
                })
        })
        .listen(listener)?;
        if config.workers > 0 {
            server = server.workers(config.workers);
        }
        tracing::info!(port, database = %db::redact(&config.database.database_url), "Mentorat listening");
        Ok(Self {
            server: server.run(),
            port,
            count_ahead,
            mail,
            remind,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server gracefully (the tests stop every server they start, so no
    /// worker thread outlives its test).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped, with the background work (counting ahead, sending mail, queuing
    /// reminders) polled beside the server so that it ends with it.
    pub async fn run(self) -> std::io::Result<()> {
        use futures_util::future::{join3, pending, select, Either};
        let Self {
            server,
            count_ahead,
            mail,
            remind,
            ..
        } = self;
        let counting = async move {
            match count_ahead {
                Some(db) => crate::api::reports::counting::keep_counted(db).await,
                None => pending().await,
            }
        };
        let mailing = async move {
            match mail {
                Some((db, mailer)) => crate::mail::deliver(db, mailer).await,
                None => pending().await,
            }
        };
        let reminding = async move {
            match remind {
                Some((db, mailer)) => {
                    crate::api::calendar::reminders::keep_reminding(db, mailer).await
                }
                None => pending().await,
            }
        };
        let background = std::pin::pin!(join3(counting, mailing, reminding));
        match select(server, background).await {
            Either::Left((served, _)) => served,
            Either::Right((_, server)) => server.await,
        }
    }
}

fn public_cors() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allow_any_origin()
        .send_wildcard()
        .allowed_methods(["GET"])
        .allowed_headers([
            actix_web::http::header::IF_NONE_MATCH,
            actix_web::http::header::ACCEPT,
        ])
        .expose_headers([actix_web::http::header::ETAG, actix_web::http::header::LINK])
        .max_age(86400)
}

/// Authenticated calls: from the app's own origin, and from the configured ones.
fn private_cors(allowed: std::sync::Arc<[String]>) -> actix_cors::Cors {
    use actix_web::http::header;
    actix_cors::Cors::default()
        .allowed_origin_fn(move |origin, req| {
            let origin = origin.to_str().unwrap_or_default();
            allowed.iter().any(|a| a == origin) || same_origin(origin, req)
        })
        .allowed_methods(["GET", "POST", "PUT", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::LINK,
            header::RETRY_AFTER,
        ])
        .max_age(3600)
}

/// Browsers send `Origin` also on their own site's POSTs; those are the app itself.
fn same_origin(origin: &str, req: &actix_web::dev::RequestHead) -> bool {
    let host = req
        .headers()
        .get(actix_web::http::header::HOST)
        .and_then(|h| h.to_str().ok());
    match (origin.split_once("://"), host) {
        (Some((_, authority)), Some(host)) => authority.eq_ignore_ascii_case(host),
        _ => false,
    }
}

async fn api_not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound(
        "Diese Adresse gibt es in der API nicht.".into(),
    ))
}

/// The web app loads only its own script, wasm and styles; nothing may frame it. Images the API
/// serves only with the bearer token (a provider's logo) are shown from `blob:` addresses.
const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// Swagger UI brings inline scripts and styles; it holds no data of its own.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// HEAD is answered as GET: the HTTP layer sends the same headers without the body, so every
/// read answers HEAD without each route having to say so.
async fn head_as_get(
    mut req: ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    if req.method() == actix_web::http::Method::HEAD {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    next.call(req).await
}

/// Security headers on every response, whatever produced it (handlers, files, errors).
async fn security_headers(
    req: ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    use actix_web::http::header::{HeaderName, HeaderValue};
    let (csp, framable) = if req.path().starts_with("/api/docs") {
        (DOCS_CSP, false)
    } else {
        crate::embed::security_policy(req.path()).unwrap_or((APP_CSP, false))
    };
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    for (name, value) in [
        ("content-security-policy", csp),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cross-origin-opener-policy", "same-origin"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
    ] {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    if !framable {
        headers.insert(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        );
    }
    Ok(res)
}

/// All routes: the API under `/api/v1`, its docs, health checks and the web app.
/// `static_dir` is the built web app, if there is one.
pub fn configure(
    cfg: &mut web::ServiceConfig,
    state: web::Data<AppState>,
    routes: web::Data<crate::routing::Routes>,
    body_limit: usize,
    static_dir: Option<PathBuf>,
) {
    let allowed_origins = state.allowed_origins.clone();
    let public_routes = routes.clone();
    cfg.app_data(state)
        .app_data(routes)
        .app_data(web::JsonConfig::default().limit(body_limit).error_handler(json_error))
        .app_data(web::PayloadConfig::default().limit(body_limit))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error))
        .service(web::resource("/healthz").get(crate::health::healthz))
        .service(web::resource("/readyz").get(crate::health::readyz))
        // Public reads for municipal web sites and integrators: any origin may fetch them.
        // Registered before `/api/v1`, whose CORS rules would otherwise answer first.
        .service(
            web::scope("/api/v1/public")
                .wrap(public_cors())
                .configure(crate::api::public_routes)
                .default_service(web::to(api_not_found)),
        )
        .service(web::resource("/api/v1/openapi.json").wrap(public_cors()).get(openapi_json))
        // Reads anyone may make (courses, districts, municipalities, fields, organisations,
        // coverage): open to every web site. The guard passes only those, so every other
        // request reaches the scope below with its stricter rules.
        .service(
            web::scope("/api/v1")
                .guard(guard::fn_guard(move |ctx| {
                    is_public_read_request(&public_routes, ctx)
                }))
                .wrap(public_cors())
                .configure(crate::api::routes),
        )
        .service(
            web::scope("/api/v1")
                .wrap(from_fn(crate::audit::trail))
                .wrap(private_cors(allowed_origins))
                .configure(crate::api::routes)
                .default_service(web::to(api_not_found)),
        )
        // Swagger UI reads the document from the route above instead of holding a copy per worker.
        .service(SwaggerUi::new("/api/docs/{_:.*}").config(SwaggerConfig::from("/api/v1/openapi.json")))
        .service(web::redirect("/api/docs", "/api/docs/"))
        .configure(crate::embed::routes);
    spa(cfg, static_dir);
}

/// A GET (or HEAD) of a public read, or a browser's preflight asking to make one.
fn is_public_read_request(routes: &crate::routing::Routes, ctx: &guard::GuardContext<'_>) -> bool {
    use actix_web::http::{header, Method};
    let head = ctx.head();
    let reads = match head.method {
        Method::GET | Method::HEAD => true,
        Method::OPTIONS => head
            .headers()
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .is_some_and(|m| m == "GET" || m == "HEAD"),
        _ => false,
    };
    reads && routes.is_public_read(head.uri.path())
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
    let files = dir.clone();
    cfg.service(
        web::resource("/{file:[A-Za-z0-9_-]+\\.(?:wasm|js|css)}").route(web::get().to(
            move |req: HttpRequest, file: web::Path<String>| {
                precompressed(req, files.join(file.into_inner()))
            },
        )),
    );
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

/// A file of the web app, precompressed when the client accepts it: `cargo xtask frontend`
/// writes `.br` and `.gz` copies beside each file, so the wasm module is not compressed anew
/// on every request. Without a copy, the file as it is (and `Compress` may compress it).
async fn precompressed(req: HttpRequest, path: PathBuf) -> actix_web::Result<HttpResponse> {
    use actix_web::http::header::ContentEncoding;
    let mime = actix_files::file_extension_to_mime(
        path.extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default(),
    );
    let encoding = crate::http::preferred_encoding(&req);
    let copy = match encoding {
        ContentEncoding::Brotli => Some((encoding, ".br")),
        ContentEncoding::Gzip => Some((encoding, ".gz")),
        _ => None,
    };
    let compressed = match copy {
        Some((encoding, suffix)) => {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            actix_files::NamedFile::open_async(name)
                .await
                .ok()
                .map(|file| {
                    file.set_content_type(mime.clone())
                        .set_content_encoding(encoding)
                })
        }
        None => None,
    };
    let file = match compressed {
        Some(file) => file,
        None => actix_files::NamedFile::open_async(&path).await?,
    };
    let mut response = file
        .use_etag(true)
        .disable_content_disposition()
        .into_response(&req);
    // NamedFile has set the encoding of a copy already.
    crate::http::mark_encoding(&mut response, ContentEncoding::Identity);
    Ok(response)
}

async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(crate::openapi::COMMITTED)
}
