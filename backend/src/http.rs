//! HTTP conventions shared by all resources: paging, ETags and conditional requests.

use crate::error::ApiError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use diesel::query_dsl::methods::{LimitDsl, OffsetDsl};
use serde::{Deserialize, Serialize};
use shared::api::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use std::hash::{Hash, Hasher};

/// `limit` and `offset` of a list request.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<i64>,
}

/// The largest `offset` a list takes: far beyond any real list, and small enough that
/// `offset + limit` can never overflow when the next page's link is built.
pub const MAX_OFFSET: i64 = 1_000_000_000;

/// A checked `limit`/`offset`; every paged list goes through [`Paging::window`] and
/// [`Paging::page`], so they page and answer alike.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub limit: i64,
    pub offset: i64,
}

impl Paging {
    /// The query restricted to this page (`LIMIT`/`OFFSET`); order it first.
    pub fn window<Q>(self, query: Q) -> <Q::Output as OffsetDsl>::Output
    where
        Q: LimitDsl,
        Q::Output: OffsetDsl,
    {
        OffsetDsl::offset(LimitDsl::limit(query, self.limit), self.offset)
    }

    /// This page's `items` out of `total` matching ones.
    pub fn page<T>(self, items: Vec<T>, total: i64) -> shared::api::Page<T> {
        shared::api::Page {
            items,
            total,
            limit: self.limit,
            offset: self.offset,
        }
    }
}

impl PageParams {
    pub fn parse(self) -> Result<Paging, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_PAGE_SIZE);
        let offset = self.offset.unwrap_or(0);
        let mut errors = shared::FieldErrors::default();
        if !(1..=MAX_PAGE_SIZE).contains(&limit) {
            errors.add(
                "limit",
                "range",
                format!("limit muss zwischen 1 und {MAX_PAGE_SIZE} liegen."),
            );
        }
        if !(0..=MAX_OFFSET).contains(&offset) {
            errors.add(
                "offset",
                "range",
                format!("offset muss zwischen 0 und {MAX_OFFSET} liegen."),
            );
        }
        if errors.is_empty() {
            Ok(Paging { limit, offset })
        } else {
            Err(errors.into())
        }
    }
}

/// Answers `value` as JSON with an ETag over its content, or 304 when the client has it already.
pub fn json_with_etag<T: Serialize>(
    req: &HttpRequest,
    value: &T,
) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_vec(value).map_err(ApiError::internal)?;
    bytes_with_etag(req, "application/json", body)
}

/// Answers `body` of `content_type` with an ETag over its content, or 304.
pub fn bytes_with_etag(
    req: &HttpRequest,
    content_type: &str,
    body: Vec<u8>,
) -> Result<HttpResponse, ApiError> {
    respond(req, content_etag(&body), content_type, body)
}

/// A weak ETag over the content.
pub fn content_etag(body: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("W/\"{:016x}\"", hasher.finish())
}

/// Answers a versioned resource: its ETag is its version, which `If-Match` must name to change it.
pub fn json_versioned<T: Serialize>(
    req: &HttpRequest,
    value: &T,
    version: i64,
) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_vec(value).map_err(ApiError::internal)?;
    respond(req, version_etag(version), "application/json", body)
}

pub fn version_etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// Answers `body` with `etag`, or 304 when `If-None-Match` names it.
pub fn respond(
    req: &HttpRequest,
    etag: String,
    content_type: &str,
    body: Vec<u8>,
) -> Result<HttpResponse, ApiError> {
    let matches = has_current(req, &etag);
    let etag_header = HeaderValue::from_str(&etag).map_err(ApiError::internal)?;
    if matches {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag_header))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag_header))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .content_type(content_type)
        .body(body))
}

/// The compression the client prefers among brotli and gzip, or `Identity`.
pub fn preferred_encoding(req: &HttpRequest) -> header::ContentEncoding {
    use header::{AcceptEncoding, ContentEncoding, Encoding, Header};
    let offered = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
    match AcceptEncoding::parse(req)
        .ok()
        .and_then(|accepted| accepted.negotiate(offered.iter()))
    {
        Some(Encoding::Known(encoding @ (ContentEncoding::Brotli | ContentEncoding::Gzip))) => {
            encoding
        }
        _ => ContentEncoding::Identity,
    }
}

/// Says that the body was sent in `encoding` (the `Compress` middleware then leaves it), and
/// that the answer depends on `Accept-Encoding`.
pub fn mark_encoding(response: &mut HttpResponse, encoding: header::ContentEncoding) {
    let sends_body = response.status() == actix_web::http::StatusCode::OK;
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if sends_body && encoding != header::ContentEncoding::Identity {
        headers.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static(encoding.as_str()),
        );
    }
}

/// The ETag of the representation in `encoding`: each encoding is a representation of its own,
/// so a cache never takes one for the other.
pub fn encoded_etag(etag: &str, encoding: header::ContentEncoding) -> String {
    match encoding {
        header::ContentEncoding::Identity => etag.to_owned(),
        other => format!("{}-{}\"", etag.trim_end_matches('"'), other.as_str()),
    }
}

/// `bytes` compressed with gzip at the highest level.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to memory does not fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// `bytes` compressed with brotli, at a level that compresses a page in about a millisecond.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

/// The client has the version `etag` names already (`If-None-Match`).
pub fn has_current(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == "*" || strip_weak(t.trim()) == strip_weak(etag))
        })
}

fn strip_weak(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

/// The version an update expects, from `If-Match: "<version>"`. Required, so no edit is lost.
pub fn expected_version(req: &HttpRequest) -> Result<i64, ApiError> {
    let raw = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?;
    raw.to_str()
        .ok()
        .map(|v| strip_weak(v.trim()).trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .ok_or(ApiError::PreconditionFailed)
}

/// Refuses a change with 412 when the caller read another version than the current one (an
/// `If-Match` of a delete may be absent: then any version goes).
pub fn check_version(expected: impl Into<Option<i64>>, current: i64) -> Result<(), ApiError> {
    match expected.into() {
        Some(expected) if expected != current => Err(ApiError::PreconditionFailed),
        _ => Ok(()),
    }
}

/// 201 Created: the new record's address in `Location` (`/api/v1/…`), its version as the ETag
/// when it has one, and the record.
pub fn created<T: Serialize>(location: String, version: Option<i64>, body: &T) -> HttpResponse {
    let mut response = HttpResponse::Created();
    response.insert_header((header::LOCATION, location));
    if let Some(version) = version {
        response.insert_header((header::ETAG, version_etag(version)));
    }
    response.json(body)
}

/// An optional query value: blank counts as absent.
pub fn present(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|s| !s.is_empty())
}

/// Parses an optional query value as `T`; an invalid one (an empty one too) is recorded under
/// `field`, so what the document's pattern refuses, the server refuses.
pub fn query_value<T: std::str::FromStr<Err = shared::ValueError>>(
    errors: &mut shared::FieldErrors,
    field: &str,
    raw: Option<&str>,
) -> Option<T> {
    raw.and_then(|s| errors.check(field, s.parse::<T>()))
}

/// For deletes: `If-Match` is optional, but when sent it must name the current version.
pub fn optional_expected_version(req: &HttpRequest) -> Result<Option<i64>, ApiError> {
    match req.headers().contains_key(header::IF_MATCH) {
        true => expected_version(req).map(Some),
        false => Ok(None),
    }
}

/// The network address of the client: the peer's, or behind a reverse proxy (configured with
/// `MENTORAT_BEHIND_PROXY`) the one the proxy names in `Forwarded` or `X-Forwarded-For`.
pub fn client_address(req: &HttpRequest, behind_proxy: bool) -> String {
    let info = req.connection_info();
    let address = if behind_proxy {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    address.unwrap_or("unknown").to_owned()
}

/// The longest value any query parameter may have (search texts included); longer ones are
/// refused with 422 before anything reaches the database.
pub const MAX_QUERY_VALUE_CHARS: usize = 200;

/// Why text from a request is refused before it is parsed: a NUL character (PostgreSQL cannot
/// store it, so neither database gets it) or, for query values, excessive length.
fn check_text(errors: &mut shared::FieldErrors, field: &str, text: &str, max: Option<usize>) {
    if text.contains('\0') {
        errors.add(
            field,
            "nul",
            "Der Text enthält ein unzulässiges Steuerzeichen (NUL).",
        );
    } else if let Some(max) = max.filter(|max| text.chars().count() > *max) {
        errors.add(field, "too_long", format!("Höchstens {max} Zeichen."));
    }
}

/// Every string in a JSON document, with its field path (`address.street`, `fields[2]`).
fn check_json_strings(errors: &mut shared::FieldErrors, path: &str, value: &serde_json::Value) {
    match value {
        serde_json::Value::String(text) => check_text(errors, path, text, None),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_json_strings(errors, &format!("{path}[{i}]"), item);
            }
        }
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                check_text(errors, path, key, None);
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                check_json_strings(errors, &child, item);
            }
        }
        _ => {}
    }
}

/// JSON does not tell `2` from `2.0`, and JSON Schema counts both as integers; serde does, so
/// whole floats become integers before the body is read into its type.
fn integral_floats_as_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) => {
            let whole = n
                .as_f64()
                .filter(|f| n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15);
            if let Some(f) = whole {
                *n = serde_json::Number::from(f as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        serde_json::Value::Object(fields) => {
            fields.values_mut().for_each(integral_floats_as_integers)
        }
        _ => {}
    }
}

/// A JSON body, like `web::Json`, whose strings were checked first: a NUL anywhere answers
/// 422 naming the field, whichever database is behind.
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The documented JSON Schema of `T` with the schemas it references, as plain JSON.
fn documented_schema<T: utoipa::ToSchema>() -> (
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
) {
    let mut referenced = Vec::new();
    T::schemas(&mut referenced);
    let definitions = referenced
        .into_iter()
        .map(|(name, schema)| (name, serde_json::to_value(schema).unwrap_or_default()))
        .collect();
    (
        serde_json::to_value(T::schema()).unwrap_or_default(),
        definitions,
    )
}

/// Objects where the document says object: serde would also read a struct from an array of its
/// fields' values, which no client means and the document does not allow.
fn check_object_shapes(
    errors: &mut shared::FieldErrors,
    path: &str,
    schema: &serde_json::Value,
    definitions: &serde_json::Map<String, serde_json::Value>,
    value: &serde_json::Value,
) {
    use serde_json::Value;
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => match reference
            .rsplit('/')
            .next()
            .and_then(|n| definitions.get(n))
        {
            Some(target) => target,
            None => return,
        },
        None => schema,
    };
    for alternatives in ["oneOf", "anyOf", "allOf"] {
        for alternative in schema
            .get(alternatives)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            check_object_shapes(errors, path, alternative, definitions, value);
        }
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        match value {
            Value::Object(fields) => {
                for (key, item) in fields {
                    if let Some(property) = properties.get(key) {
                        let child = if path.is_empty() {
                            key.clone()
                        } else {
                            format!("{path}.{key}")
                        };
                        check_object_shapes(errors, &child, property, definitions, item);
                    }
                }
            }
            Value::Array(_) => errors.add(
                if path.is_empty() { "body" } else { path },
                "type",
                "Hier wird ein Objekt mit benannten Feldern erwartet.",
            ),
            _ => {}
        }
    }
    if let (Some(items), Value::Array(values)) = (schema.get("items"), value) {
        for (i, item) in values.iter().enumerate() {
            check_object_shapes(errors, &format!("{path}[{i}]"), items, definitions, item);
        }
    }
}

impl<T: serde::de::DeserializeOwned + utoipa::ToSchema + 'static> actix_web::FromRequest
    for Json<T>
{
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        // The raw document goes through actix's own extractor (content type, size limit, syntax).
        let raw = actix_web::web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let mut value = raw.await?.into_inner();
            integral_floats_as_integers(&mut value);
            let mut errors = shared::FieldErrors::default();
            check_json_strings(&mut errors, "", &value);
            let (schema, definitions) = documented_schema::<T>();
            check_object_shapes(&mut errors, "", &schema, &definitions, &value);
            errors.into_result().map_err(ApiError::from)?;
            serde_json::from_value(value).map(Json).map_err(|e| {
                ApiError::Validation(vec![shared::FieldError {
                    field: String::new(),
                    code: "invalid".into(),
                    message: format!("Ungültige Angaben: {e}"),
                }])
                .into()
            })
        })
    }
}

/// Query parameters, like `web::Query`, each value checked first (no NUL, at most
/// [`MAX_QUERY_VALUE_CHARS`] characters), so bad text never reaches a database.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Checks the name=value pairs of a query string or form body.
fn check_pairs(raw: &str, max: Option<usize>) -> Result<(), ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw)
        .map_err(|e| ApiError::BadRequest(format!("Ungültiger Abfrageparameter: {e}")))?;
    let mut errors = shared::FieldErrors::default();
    for (name, value) in &pairs {
        check_text(&mut errors, name, name, max);
        check_text(&mut errors, name, value, max);
    }
    Ok(errors.into_result()?)
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let checked = check_pairs(req.query_string(), Some(MAX_QUERY_VALUE_CHARS));
        std::future::ready(match checked {
            Err(e) => Err(e.into()),
            Ok(()) => match actix_web::web::Query::<T>::from_request(req, payload).into_inner() {
                Ok(query) => Ok(Query(query.into_inner())),
                Err(e) => Err(e),
            },
        })
    }
}

/// A form body (`application/x-www-form-urlencoded`), like `web::Form`, its values checked
/// for NUL first.
pub struct Form<T>(pub T);

impl<T> Form<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for Form<T> {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let raw = actix_web::web::Form::<Vec<(String, String)>>::from_request(req, payload);
        Box::pin(async move {
            let pairs = raw.await?.into_inner();
            let encoded = serde_urlencoded::to_string(&pairs)
                .map_err(|e| ApiError::BadRequest(format!("Ungültige Formulardaten: {e}")))?;
            check_pairs(&encoded, None)?;
            serde_urlencoded::from_str(&encoded)
                .map(Form)
                .map_err(|e| ApiError::BadRequest(format!("Ungültige Formulardaten: {e}")).into())
        })
    }
}

/// A file answer (PDF, …) in the document: a string of bytes.
pub struct Binary;

impl utoipa::PartialSchema for Binary {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::Custom("binary".into())))
            .into()
    }
}

impl utoipa::ToSchema for Binary {}

/// Pages of the web app (`frontend/src/route.rs`) whose address ends in a key.
const KEY_PAGES: &[&str] = &[
    "/anmeldung/",
    "/tandem/bestaetigen/",
    "/passwort-zuruecksetzen/",
    "/einladung/",
];

/// The root span of every request: tracing_actix_web's fields, but a path whose last segment is
/// a key (`…/{token}`: confirmation and personal links, password resets, invitations; API routes
/// and the web app's pages) is logged with `{token}` in its place, so whoever reads the log
/// cannot use the links.
pub struct RequestSpan;

impl tracing_actix_web::RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        use actix_web::HttpMessage;
        let route = request.match_pattern().unwrap_or_default();
        let path = request.path();
        let key_page = KEY_PAGES.iter().find(|page| path.starts_with(*page));
        let target = if route.contains("{token}") {
            route.clone()
        } else if let Some(page) = key_page {
            format!("{page}{{token}}")
        } else {
            request
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default()
        };
        let request_id = request
            .extensions()
            .get::<tracing_actix_web::RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.target = %target,
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
            request_id = %request_id,
        )
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        tracing_actix_web::DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_defaults_and_bounds() {
        let p = PageParams {
            limit: None,
            offset: None,
        }
        .parse()
        .unwrap();
        assert_eq!((p.limit, p.offset), (DEFAULT_PAGE_SIZE, 0));
        assert!(PageParams {
            limit: Some(MAX_PAGE_SIZE + 1),
            offset: None
        }
        .parse()
        .is_err());
        assert!(PageParams {
            limit: Some(0),
            offset: None
        }
        .parse()
        .is_err());
        assert!(PageParams {
            limit: None,
            offset: Some(-1)
        }
        .parse()
        .is_err());
    }

    /// A writer that keeps what the log subscriber writes.
    #[derive(Clone, Default)]
    struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[actix_web::test]
    async fn keys_in_paths_stay_out_of_the_log() {
        use actix_web::{test, web, App, HttpResponse};
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _log = tracing::subscriber::set_default(subscriber);
        let app = test::init_service(
            App::new()
                .wrap(tracing_actix_web::TracingLogger::<RequestSpan>::new())
                .route(
                    "/api/v1/registrations/confirm/{token}",
                    web::post().to(|| async {
                        tracing::info!("confirming");
                        HttpResponse::Ok().finish()
                    }),
                )
                .default_service(web::to(|| async {
                    tracing::info!("a page");
                    HttpResponse::Ok().finish()
                }))
                .route(
                    "/api/v1/courses/{id}",
                    web::get().to(|| async {
                        tracing::info!("reading");
                        HttpResponse::Ok().finish()
                    }),
                ),
        )
        .await;
        let confirm = test::TestRequest::post()
            .uri("/api/v1/registrations/confirm/s3cr3t-t0ken")
            .to_request();
        assert!(test::call_service(&app, confirm)
            .await
            .status()
            .is_success());
        let read = test::TestRequest::get()
            .uri("/api/v1/courses/42?x=1")
            .to_request();
        assert!(test::call_service(&app, read).await.status().is_success());
        let page = test::TestRequest::get()
            .uri("/anmeldung/bestaetigen/s3cr3t-t0ken")
            .to_request();
        test::call_service(&app, page).await;
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(
            log.contains("http.target=/api/v1/registrations/confirm/{token}")
                && log.contains("confirming"),
            "{log}"
        );
        assert!(!log.contains("s3cr3t-t0ken"), "{log}");
        assert!(log.contains("http.target=/api/v1/courses/42?x=1"), "{log}");
        assert!(log.contains("http.target=/anmeldung/{token}"), "{log}");
    }
}
