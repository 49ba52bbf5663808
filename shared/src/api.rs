//! Envelope types every endpoint shares: pages of results and problem details (RFC 9457).

use crate::values::FieldError;

use serde::{Deserialize, Serialize};

/// The most items one page may hold; larger `limit` values are refused.
pub const MAX_PAGE_SIZE: i64 = 200;
pub const DEFAULT_PAGE_SIZE: i64 = 50;

/// One page of a list, with the total number of matches so clients can page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Number of matches over all pages.
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// Problem details (RFC 9457), the body of every error answer (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Present for 422: one entry per failing field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Present for 409 on creating a person: records that may be the same person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<crate::people::DuplicateCandidate>,
}
