//! The one error type of the backend and its mapping to problem+json (RFC 9457).

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use shared::{FieldError, Problem};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// When a client should try again while the database cannot be reached.
const RETRY_UNAVAILABLE_SECONDS: u32 = 5;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("Die Anfrage enthält ungültige Angaben.")]
    Validation(Vec<FieldError>),
    #[error("Anmeldung erforderlich.")]
    Unauthenticated,
    #[error("E-Mail-Adresse oder Passwort ist falsch.")]
    InvalidCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// A rule refuses the change; the code names the rule for clients that translate.
    #[error("{1}")]
    Conflict(&'static str, String),
    #[error("Es gibt bereits Datensätze, die dieselbe Person beschreiben könnten. Zum Anlegen trotzdem allow_duplicate setzen, oder die Datensätze zusammenführen.")]
    PossibleDuplicates(Vec<shared::people::DuplicateCandidate>),
    #[error("Der Datensatz wurde inzwischen geändert. Bitte neu laden und die Änderung erneut vornehmen.")]
    PreconditionFailed,
    #[error("Änderungen brauchen den Kopf If-Match mit dem ETag der gelesenen Fassung.")]
    PreconditionRequired,
    #[error("Zu viele Versuche. Bitte in {0} Sekunden erneut versuchen.")]
    TooManyRequests(i64),
    #[error("{0}")]
    Gone(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The database (or the mail server) cannot be reached; the cause goes to the log.
    #[error("Der Dienst ist vorübergehend nicht erreichbar.")]
    Unavailable(#[source] anyhow::Error),
    /// A fault of ours; the cause, with its chain, goes to the log, never to the client.
    #[error("Ein interner Fehler ist aufgetreten.")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// An internal error with its cause kept for the log.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(cause.into())
    }

    /// Unreachable database or mail server, with the cause kept for the log.
    pub fn unavailable(cause: impl Into<anyhow::Error>) -> Self {
        ApiError::Unavailable(cause.into())
    }

    pub fn not_found(what: &str) -> Self {
        ApiError::NotFound(format!("{what} wurde nicht gefunden."))
    }

    /// One failing field.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }])
    }
}

impl From<shared::FieldErrors> for ApiError {
    fn from(e: shared::FieldErrors) -> Self {
        ApiError::Validation(e.0)
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as Kind, Error};
        match e {
            Error::NotFound => ApiError::not_found("Der Datensatz"),
            Error::DatabaseError(Kind::UniqueViolation, _) => ApiError::Conflict(
                "duplicate",
                "Ein Datensatz mit diesen Angaben existiert bereits.".into(),
            ),
            Error::DatabaseError(Kind::ForeignKeyViolation, _) => ApiError::Conflict(
                "reference",
                "Der Datensatz verweist auf etwas, das es nicht gibt, oder wird noch verwendet."
                    .into(),
            ),
            // The connection broke (the database restarted or is unreachable), or SQLite's
            // write lock stayed taken past the busy timeout: try again shortly.
            Error::DatabaseError(Kind::ClosedConnection | Kind::UnableToSendCommand, _) => {
                ApiError::unavailable(e)
            }
            Error::DatabaseError(_, ref info) if info.message().contains("database is locked") => {
                ApiError::unavailable(e)
            }
            // A value the database cannot hold (a date in year 300000, say) that got past the
            // parsers: the request's fault, not the server's.
            Error::DatabaseError(_, ref info) if info.message().contains("out of range") => {
                ApiError::Validation(vec![FieldError {
                    field: info.column_name().unwrap_or_default().to_owned(),
                    code: "range".into(),
                    message: "Ein Wert liegt außerhalb des zulässigen Bereichs.".into(),
                }])
            }
            _ => ApiError::internal(e),
        }
    }
}

/// The stable code and the (German) title of a problem with this status; some errors name
/// themselves more precisely (see [`ApiError::code`]).
fn kind_of(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("bad_request", "Ungültige Anfrage"),
        401 => ("unauthenticated", "Nicht angemeldet"),
        403 => ("forbidden", "Keine Berechtigung"),
        404 => ("not_found", "Nicht gefunden"),
        405 => ("method_not_allowed", "Methode nicht erlaubt"),
        406 => ("not_acceptable", "Format nicht verfügbar"),
        409 => ("conflict", "Konflikt"),
        410 => ("gone", "Nicht mehr verfügbar"),
        412 => ("stale_version", "Veraltete Fassung"),
        413 => ("payload_too_large", "Anfrage zu groß"),
        415 => ("unsupported_media_type", "Nicht unterstütztes Format"),
        422 => ("invalid", "Ungültige Angaben"),
        428 => ("if_match_required", "Vorbedingung fehlt"),
        429 => ("too_many_requests", "Zu viele Anfragen"),
        503 => ("unavailable", "Dienst nicht verfügbar"),
        _ if status.is_server_error() => ("internal", "Interner Fehler"),
        _ => ("error", "Fehler"),
    }
}

/// A problem document for `status`; `type` is `about:blank` as RFC 9457 suggests for plain statuses.
pub fn problem(status: StatusCode, detail: impl Into<String>, errors: Vec<FieldError>) -> Problem {
    let (code, title) = kind_of(status);
    Problem {
        kind: "about:blank".into(),
        title: title.into(),
        status: status.as_u16(),
        detail: detail.into(),
        code: code.into(),
        errors,
        duplicates: Vec::new(),
    }
}

pub fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = HttpResponse::build(status);
    response.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
    if status == StatusCode::UNAUTHORIZED {
        response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
    }
    response.body(serde_json::to_string(problem).unwrap_or_default())
}

impl ApiError {
    /// The stable code of the problem, where it says more than the status.
    fn code(&self) -> Option<&'static str> {
        match self {
            ApiError::InvalidCredentials => Some("invalid_credentials"),
            ApiError::PossibleDuplicates(_) => Some("possible_duplicates"),
            ApiError::Conflict(code, _) => Some(code),
            _ => None,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthenticated | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(..) | ApiError::PossibleDuplicates(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Gone(_) => StatusCode::GONE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) | ApiError::Unavailable(cause) => {
                // `{:#}` writes the whole chain: what failed, and why.
                tracing::error!(cause = format!("{cause:#}"), "request failed");
            }
            _ => {}
        }
        let errors = match self {
            ApiError::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let mut body = problem(self.status_code(), self.to_string(), errors);
        if let Some(code) = self.code() {
            body.code = code.into();
        }
        if let ApiError::PossibleDuplicates(candidates) = self {
            body.duplicates = candidates.clone();
        }
        let mut response = problem_response(&body);
        match self {
            ApiError::TooManyRequests(seconds) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(*seconds));
            }
            ApiError::Unavailable(_) => {
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(RETRY_UNAVAILABLE_SECONDS),
                );
            }
            _ => {}
        }
        response
    }
}

/// Turns every error answer that is not yet problem+json (actix's own 404, 405, 413, 415, …)
/// into one, so clients see a single error format.
pub fn ensure_problem_json<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v == HeaderValue::from_static(PROBLEM_JSON));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let detail = match status.as_u16() {
        404 => "Diese Adresse gibt es nicht.".to_owned(),
        405 => "Diese Methode ist für diese Adresse nicht erlaubt.".to_owned(),
        413 => "Die Anfrage ist zu groß.".to_owned(),
        415 => "Bitte Daten als application/json senden.".to_owned(),
        _ => res
            .response()
            .error()
            .filter(|_| status.is_client_error())
            .map(|e| e.to_string())
            .unwrap_or_else(|| kind_of(status).1.to_owned()),
    };
    let (req, _) = res.into_parts();
    let mut body: HttpResponse<BoxBody> = problem_response(&problem(status, detail, Vec::new()));
    if status == StatusCode::METHOD_NOT_ALLOWED {
        // RFC 9110: a 405 names the methods the resource does answer.
        let routes = req.app_data::<actix_web::web::Data<crate::routing::Routes>>();
        let allowed = req
            .match_pattern()
            .and_then(|pattern| routes.and_then(|r| r.allowed(&pattern).map(str::to_owned)))
            .unwrap_or_else(|| "GET, HEAD".to_owned());
        if let Ok(value) = HeaderValue::from_str(&allowed) {
            body.headers_mut().insert(header::ALLOW, value);
        }
    }
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, body).map_into_right_body(),
    ))
}

/// Error handler for malformed JSON bodies.
pub fn json_error(err: actix_web::error::JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    let (status, detail) = match &err {
        E::OverflowKnownLength { .. } | E::Overflow { .. } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Die Anfrage ist zu groß.".to_owned(),
        ),
        E::ContentType => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Bitte Daten als application/json senden.".to_owned(),
        ),
        E::Deserialize(e) if e.is_data() => (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Ungültige Angaben: {e}"),
        ),
        other => (StatusCode::BAD_REQUEST, format!("Ungültiges JSON: {other}")),
    };
    actix_web::error::InternalError::from_response(
        err,
        problem_response(&problem(status, detail, Vec::new())),
    )
    .into()
}

/// Error handler for malformed query strings.
pub fn query_error(
    err: actix_web::error::QueryPayloadError,
    _req: &HttpRequest,
) -> actix_web::Error {
    let detail = format!("Ungültiger Abfrageparameter: {err}");
    actix_web::error::InternalError::from_response(
        err,
        problem_response(&problem(StatusCode::BAD_REQUEST, detail, Vec::new())),
    )
    .into()
}

/// Error handler for malformed path segments (e.g. a non-numeric id).
pub fn path_error(err: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    let detail = format!("Ungültige Adresse: {err}");
    actix_web::error::InternalError::from_response(
        err,
        problem_response(&problem(StatusCode::NOT_FOUND, detail, Vec::new())),
    )
    .into()
}
