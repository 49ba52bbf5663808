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
    /// What went wrong, for people (German).
    pub detail: String,
    /// Stable code of the problem, for programs and for translations. By status: `bad_request`,
    /// `unauthenticated`, `invalid_credentials`, `forbidden`, `not_found`,
    /// `method_not_allowed`, `not_acceptable`, `conflict`, `gone`, `stale_version`, `payload_too_large`,
    /// `unsupported_media_type`, `invalid` (see `errors`), `if_match_required`,
    /// `too_many_requests`, `unavailable`, `internal`. A 409 names the rule that refused:
    /// `duplicate`, `reference`, `possible_duplicates`, `email_taken`, `own_account`,
    /// `own_admin_role`, `client_blocked`, `status_transition`, `course_closed`,
    /// `already_enrolled`, `in_use`, `consent_mentors_only`, `certified_person`, `same_course`,
    /// `course_not_completed`, `not_participant`, `hours_missing`, `already_issued`,
    /// `session_undated`, `session_ahead` (attendance), `undated_sessions`, `no_sessions`,
    /// `sessions_ahead`, `no_tandem`, `unusual_period` (completing a course), `already_revoked`,
    /// `certificate_revoked`, `no_accompaniment_year` (meetings before a Mentorenkurs is
    /// completed), `registration_not_cancellable` (withdrawing through the personal link),
    /// `review_closed`, `mail_not_resendable`, `application_decided` (deciding a tandem
    /// application twice), `trainer_kind` (a partner recorded as the other kind of trainer).
    /// New codes may appear; treat an unknown one like
    /// its status.
    #[serde(default)]
    pub code: String,
    /// Present for 422: one entry per failing field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Present for 409 on creating a person: records that may be the same person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<crate::people::DuplicateCandidate>,
}
