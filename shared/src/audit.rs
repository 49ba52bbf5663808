//! The audit log: who did what, when, to which record. It names accounts and records by their
//! ids, never by the people's data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The acting account; for a failed sign-in the account that was tried, if it exists.
    pub account_id: Option<i64>,
    /// E-mail address of that account, while it exists.
    pub account_email: Option<String>,
    /// The acting API client.
    pub client_id: Option<i64>,
    /// `sign_in`, `sign_in_failed`, `sign_out`, `create`, `update`, `delete` or `export`.
    pub action: String,
    /// Method and route, e.g. `PUT /api/v1/people/{id}`.
    pub route: String,
    /// The record's address, e.g. `people/17`.
    pub record: Option<String>,
    /// HTTP status of the answer.
    pub status: i32,
}
