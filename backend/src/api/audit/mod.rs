//! `/api/v1/audit`: the administration searches the audit log (see [`crate::audit`] for how it is
//! written); `about` collects a person's entries for their data export.

pub mod store;

use crate::auth::Admin;
use crate::error::ApiError;
use crate::http::{PageParams, Query};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use shared::audit::AuditEntry;
use shared::Page;
use store::search;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Id of the acting account.
    pub account: Option<i64>,
    /// `sign_in`, `sign_in_failed`, `sign_out`, `password_reset_requested`, `password_reset`,
    /// `registration_confirmed`, `registration_withdrawn`, `create`, `update`, `delete` or
    /// `export`.
    pub action: Option<String>,
    /// The record's address or its beginning, e.g. `people/17` or `courses/`.
    pub record: Option<String>,
    /// First day (UTC).
    pub from: Option<NaiveDate>,
    /// Last day (UTC).
    pub to: Option<NaiveDate>,
}

/// Searches the audit log, newest first. Administration only.
#[utoipa::path(
    get, path = "/api/v1/audit",
    operation_id = "list_audit_entries",
    tag = "audit",
    security(("bearer" = ["admin"])),
    params(AuditFilter, PageParams),
    responses(
        (status = 200, body = Page<AuditEntry>))
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    _admin: Admin,
    filter: Query<AuditFilter>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let paging = page.into_inner().parse()?;
    let filter = filter.into_inner();
    let page = state
        .db
        .run(move |conn| search(conn, &filter, paging))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

routes! {
    "/audit" => [get(list)],
}
