//! HTTP conventions shared by all resources: paging, ETags and conditional requests.

use crate::error::ApiError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use shared::api::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use std::hash::{Hash, Hasher};

/// `limit` and `offset` of a list request.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<i64>,
    /// Items to skip (default 0).
    pub offset: Option<i64>,
}

#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub limit: i64,
    pub offset: i64,
}

impl PageParams {
    pub fn parse(self) -> Result<Paging, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_PAGE_SIZE);
        let offset = self.offset.unwrap_or(0);
        let mut errors = shared::api::FieldErrors::default();
        if !(1..=MAX_PAGE_SIZE).contains(&limit) {
            errors.add(
                "limit",
                "range",
                format!("limit muss zwischen 1 und {MAX_PAGE_SIZE} liegen."),
            );
        }
        if offset < 0 {
            errors.add("offset", "range", "offset darf nicht negativ sein.");
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
    let body = serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.to_string()))?;
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
    let body = serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.to_string()))?;
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
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == "*" || strip_weak(t.trim()) == strip_weak(&etag))
        });
    let etag_header =
        HeaderValue::from_str(&etag).map_err(|e| ApiError::Internal(e.to_string()))?;
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

/// An optional query value: blank counts as absent.
pub fn present(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|s| !s.is_empty())
}

/// Parses an optional query value as `T`; an invalid one is recorded under `field`.
pub fn query_value<T: std::str::FromStr<Err = shared::ValueError>>(
    errors: &mut shared::api::FieldErrors,
    field: &str,
    raw: Option<&str>,
) -> Option<T> {
    present(raw).and_then(|s| errors.check(field, s.parse::<T>()))
}

/// For deletes: `If-Match` is optional, but when sent it must name the current version.
pub fn optional_expected_version(req: &HttpRequest) -> Result<Option<i64>, ApiError> {
    match req.headers().contains_key(header::IF_MATCH) {
        true => expected_version(req).map(Some),
        false => Ok(None),
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
}
