//! `/api/v1/organisations/{id}/certificate-profile` and `/logo`: how an education provider signs
//! its certificates (signatory and logo). Staff only; the certificate reads it when printed.

pub mod store;

use crate::auth::Staff;
use crate::error::ApiError;
use crate::http::{json_versioned, optional_expected_version, Json};
use crate::logo::{Logo, LogoError, LogoFormat, MAX_BYTES};
use crate::state::AppState;
use actix_web::{http::header, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use shared::organisations::{CertificateProfile, CertificateProfileInput};
use shared::Problem;
use store::{apply, find, Change};

/// The signatory and logo an organisation puts on the certificates of the courses it provides.
#[utoipa::path(
    get, path = "/api/v1/organisations/{id}/certificate-profile",
    operation_id = "get_certificate_profile",
    params(("id" = i64, Path, description = "Id of the organisation")),
    tag = "organisations",
    security(("bearer" = ["staff"])),
    responses((status = 200, body = CertificateProfile), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let profile = state.db.run(move |conn| find(conn, id)).await?;
    json_versioned(&req, &profile, profile.version)
}

/// Sets who signs the certificates, and in which role. With `If-Match`, only if nobody changed
/// the profile in the meantime.
#[utoipa::path(
    put, path = "/api/v1/organisations/{id}/certificate-profile",
    operation_id = "update_certificate_profile",
    params(("id" = i64, Path, description = "Id of the organisation"), ("If-Match" = Option<String>, Header, description = "ETag of the version being changed")),
    tag = "organisations",
    security(("bearer" = ["staff"])),
    request_body = CertificateProfileInput,
    responses(
        (status = 200, body = CertificateProfile),
        (status = 412, description = "Changed in the meantime", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<CertificateProfileInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let draft = body.parse()?;
    let expected = optional_expected_version(&req)?;
    let profile = state
        .db
        .write(move |conn| apply(conn, id, expected, Change::Signatory(&draft)))
        .await?;
    tracing::info!(organisation = id, "certificate signatory saved");
    json_versioned(&req, &profile, profile.version)
}

/// The logo as a PNG (an uploaded SVG is rendered), for the preview.
#[utoipa::path(
    get, path = "/api/v1/organisations/{id}/logo",
    operation_id = "get_logo",
    params(("id" = i64, Path, description = "Id of the organisation")),
    tag = "organisations",
    security(("bearer" = ["staff"])),
    responses(
        (status = 200, description = "The logo", content_type = "image/png", body = inline(crate::http::Binary)),
        (status = 404, description = "No logo uploaded", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn logo(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let logo = state
        .db
        .run(move |conn| {
            find(conn, id)?;
            store::logo(conn, id)
        })
        .await?
        .ok_or_else(|| ApiError::not_found("Das Logo"))?;
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .body(logo.png()))
}

/// Uploads the logo: the image itself as the body, `Content-Type` `image/png` or
/// `image/svg+xml`, at most 512 KB, 32 to 4,000 pixels a side. An SVG may not load other files.
#[utoipa::path(
    put, path = "/api/v1/organisations/{id}/logo",
    operation_id = "upload_logo",
    params(("id" = i64, Path, description = "Id of the organisation"), ("If-Match" = Option<String>, Header, description = "ETag of the profile version being changed")),
    tag = "organisations",
    security(("bearer" = ["staff"])),
    request_body(content(
        (inline(crate::http::Binary) = "image/png"),
        (inline(crate::http::Binary) = "image/svg+xml")
    )),
    responses(
        (status = 200, body = CertificateProfile),
        (status = 412, description = "Changed in the meantime", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 512 KB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither PNG nor SVG", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a readable image, or too small or large", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn upload_logo(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    id: web::Path<i64>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let media_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let format = LogoFormat::from_media_type(media_type).ok_or_else(|| {
        ApiError::UnsupportedMediaType("Bitte ein Logo als PNG- oder SVG-Datei hochladen.".into())
    })?;
    // Read past the limit by one chunk at most, however much is sent.
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(e.to_string()))?;
        if bytes.len() + chunk.len() > MAX_BYTES {
            return Err(ApiError::PayloadTooLarge(LogoError::TooLarge.to_string()));
        }
        bytes.extend_from_slice(&chunk);
    }
    let expected = optional_expected_version(&req)?;
    // Decoding takes a moment for a large picture: on the blocking pool, before the write
    // transaction, so no other writer waits for it.
    let bytes = bytes.freeze();
    let checked = bytes.clone();
    web::block(move || Logo::parse(format, &checked))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| match e {
            LogoError::TooLarge => ApiError::PayloadTooLarge(e.to_string()),
            LogoError::Unreadable(_) => ApiError::field("logo", "unreadable", e.to_string()),
            LogoError::Dimensions { .. } => ApiError::field("logo", "dimensions", e.to_string()),
        })?;
    let profile = state
        .db
        .write(move |conn| apply(conn, id, expected, Change::Logo(Some((format, &bytes)))))
        .await?;
    tracing::info!(
        organisation = id,
        media_type = format.media_type(),
        "logo uploaded"
    );
    json_versioned(&req, &profile, profile.version)
}

/// Removes the logo; certificates then print without one.
#[utoipa::path(
    delete, path = "/api/v1/organisations/{id}/logo",
    operation_id = "delete_logo",
    params(("id" = i64, Path, description = "Id of the organisation"), ("If-Match" = Option<String>, Header, description = "ETag of the profile version being changed")),
    tag = "organisations",
    security(("bearer" = ["staff"])),
    responses(
        (status = 200, body = CertificateProfile),
        (status = 412, description = "Changed in the meantime", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn remove_logo(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expected = optional_expected_version(&req)?;
    let profile = state
        .db
        .write(move |conn| apply(conn, id, expected, Change::Logo(None)))
        .await?;
    tracing::info!(organisation = id, "logo removed");
    json_versioned(&req, &profile, profile.version)
}

routes! {
    "/organisations/{id}/certificate-profile" => [get(get_one), put(update)],
    "/organisations/{id}/logo" => [get(logo), put(upload_logo), delete(remove_logo)],
}
