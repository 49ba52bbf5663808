//! The audit log. Every successful change through the API is recorded by [`trail`], which wraps
//! the authenticated API, so no handler can forget it; sign-ins are recorded by the sign-in
//! itself, exports by the routes listed in [`EXPORTS`]. Entries hold ids, never people's data.

use crate::auth::Admin;
use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::http::Query;
use crate::http::{PageParams, Paging};
use crate::schema::{accounts, audit_log};
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, TimeZone, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use shared::audit::AuditEntry;
use shared::Page;

/// Reads that hand out personal data in a portable form; each is logged as an export.
const EXPORTS: &[&str] = &[
    "/api/v1/certificates/{id}/pdf",
    "/api/v1/people/{id}/export",
];

/// Routes whose handlers write their own, more telling entries; paths with one-time tokens
/// belong here too, so no token reaches the log.
const SELF_RECORDING: &[&str] = &[
    "/api/v1/auth/login",
    "/api/v1/auth/logout",
    "/api/v1/auth/password-reset",
    "/api/v1/auth/password-reset/{token}",
    "/api/v1/invitations/{token}/accept",
];

pub fn record(
    conn: &mut DbConnection,
    account: Option<i64>,
    action: &str,
    route: &str,
    record: Option<&str>,
    status: u16,
) -> Result<(), ApiError> {
    insert(conn, (account, None), action, route, record, status).map(drop)
}

fn insert(
    conn: &mut DbConnection,
    (account, client): (Option<i64>, Option<i64>),
    action: &str,
    route: &str,
    record: Option<&str>,
    status: u16,
) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(now()),
            audit_log::account_id.eq(account),
            audit_log::client_id.eq(client),
            audit_log::action.eq(action),
            audit_log::route.eq(route),
            audit_log::record.eq(record),
            audit_log::status.eq(i32::from(status)),
        ))
        .returning(audit_log::id)
        .get_result(conn)?)
}

/// What a request did, for the log; `None` for reads that are not exports.
fn action_of(method: &Method, pattern: &str) -> Option<&'static str> {
    if SELF_RECORDING.contains(&pattern) {
        return None;
    }
    match *method {
        Method::POST => Some("create"),
        Method::PUT | Method::PATCH => Some("update"),
        Method::DELETE => Some("delete"),
        Method::GET if EXPORTS.contains(&pattern) => Some("export"),
        _ => None,
    }
}

/// The change a request makes, known before its handler runs. The first write transaction of
/// the request records it before committing, so no change is ever stored without its entry.
pub struct Change {
    subject: (Option<i64>, Option<i64>),
    action: &'static str,
    route: String,
    /// The record's address: the request's path until the answer names the created one.
    record: String,
    /// The entry once written.
    entry: std::sync::Mutex<Option<i64>>,
}

impl crate::db::WriteHook for Change {
    /// Writes the entry in the change's transaction, once per request.
    fn before_commit(&self, conn: &mut DbConnection) -> Result<(), ApiError> {
        let mut entry = self.entry.lock().unwrap_or_else(|p| p.into_inner());
        if entry.is_none() {
            *entry = Some(insert(
                conn,
                self.subject,
                self.action,
                &self.route,
                Some(&self.record),
                200,
            )?);
        }
        Ok(())
    }
}

impl Change {
    fn entry(&self) -> Option<i64> {
        *self.entry.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Middleware: every change through the API gets its entry (written with the change, see
/// [`Change`]), every export too; the entry then takes the answer's status and, for a created
/// record, its address from `Location`.
pub async fn trail(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let method = req.method().clone();
    let path = req.path().to_owned();
    let pattern = req
        .app_data::<web::Data<crate::routing::Routes>>()
        .and_then(|routes| routes.pattern_of(&path).map(str::to_owned));
    let Some(action) = pattern.as_deref().and_then(|p| action_of(&method, p)) else {
        return next.call(req).await;
    };
    let change = std::sync::Arc::new(Change {
        subject: crate::auth::token_subject(req.request()),
        action,
        route: format!("{method} {}", pattern.unwrap_or_default()),
        record: path.trim_start_matches("/api/v1/").to_owned(),
        entry: Default::default(),
    });
    let res = crate::db::with_write_hook(change.clone(), next.call(req)).await?;
    let status = res.status().as_u16();
    let located = res
        .headers()
        .get(actix_web::http::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(|l| l.trim_start_matches("/api/v1/").to_owned());
    let Some(state) = res.request().app_data::<web::Data<AppState>>().cloned() else {
        return Ok(res);
    };
    let written = match change.entry() {
        // The change is stored with its entry; the entry learns how the request ended.
        Some(id) => {
            state
                .db
                .run(move |conn| {
                    let record = located.unwrap_or_else(|| change.record.clone());
                    diesel::update(audit_log::table.find(id))
                        .set((
                            audit_log::status.eq(i32::from(status)),
                            audit_log::record.eq(record),
                        ))
                        .execute(conn)?;
                    Ok(())
                })
                .await
        }
        // Exports, and changes made without a write transaction: recorded now.
        None if res.status().is_success() => {
            state
                .db
                .run(move |conn| {
                    let record = located.unwrap_or_else(|| change.record.clone());
                    insert(
                        conn,
                        change.subject,
                        change.action,
                        &change.route,
                        Some(&record),
                        status,
                    )
                    .map(drop)
                })
                .await
        }
        None => Ok(()),
    };
    if let Err(e) = written {
        tracing::error!(error = %e, "audit entry not completed");
    }
    Ok(res)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Id of the acting account.
    pub account: Option<i64>,
    /// `sign_in`, `sign_in_failed`, `sign_out`, `password_reset_requested`, `password_reset`,
    /// `create`, `update`, `delete` or `export`.
    pub action: Option<String>,
    /// The record's address or its beginning, e.g. `people/17` or `courses/`.
    pub record: Option<String>,
    /// First day (UTC).
    pub from: Option<NaiveDate>,
    /// Last day (UTC).
    pub to: Option<NaiveDate>,
}

type EntryRow = (
    i64,
    chrono::NaiveDateTime,
    Option<i64>,
    Option<String>,
    Option<i64>,
    String,
    String,
    Option<String>,
    i32,
);

type EntryColumns = (
    audit_log::id,
    audit_log::at,
    audit_log::account_id,
    diesel::dsl::Nullable<accounts::email>,
    audit_log::client_id,
    audit_log::action,
    audit_log::route,
    audit_log::record,
    audit_log::status,
);

fn entry_columns() -> EntryColumns {
    (
        audit_log::id,
        audit_log::at,
        audit_log::account_id,
        accounts::email.nullable(),
        audit_log::client_id,
        audit_log::action,
        audit_log::route,
        audit_log::record,
        audit_log::status,
    )
}

fn entry(
    (id, at, account_id, account_email, client_id, action, route, record, status): EntryRow,
) -> AuditEntry {
    AuditEntry {
        id,
        at: Utc.from_utc_datetime(&at),
        account_id,
        account_email,
        client_id,
        action,
        route,
        record,
        status,
    }
}

/// Entries about `record` (and the records below it, e.g. `people/17/consent`) or by `accounts`.
pub fn about(
    conn: &mut DbConnection,
    record: &str,
    accounts: &[i64],
) -> Result<Vec<AuditEntry>, ApiError> {
    let below = format!(
        "{}/%",
        record
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    Ok(audit_log::table
        .left_join(accounts::table.on(accounts::id.nullable().eq(audit_log::account_id)))
        .filter(
            audit_log::record
                .eq(record)
                .or(audit_log::record.like(below).escape('\\'))
                .or(audit_log::account_id.eq_any(accounts)),
        )
        .select(entry_columns())
        .order(audit_log::id)
        .load(conn)?
        .into_iter()
        .map(entry)
        .collect())
}

fn search(
    conn: &mut DbConnection,
    filter: &AuditFilter,
    paging: Paging,
) -> Result<Page<AuditEntry>, ApiError> {
    let query = || {
        let mut q = audit_log::table
            .left_join(accounts::table.on(accounts::id.nullable().eq(audit_log::account_id)))
            .into_boxed();
        if let Some(account) = filter.account {
            q = q.filter(audit_log::account_id.eq(account));
        }
        if let Some(action) = &filter.action {
            q = q.filter(audit_log::action.eq(action.clone()));
        }
        if let Some(record) = &filter.record {
            let escaped = record
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            q = q.filter(audit_log::record.like(format!("{escaped}%")).escape('\\'));
        }
        if let Some(from) = filter.from {
            q = q.filter(audit_log::at.ge(from.and_hms_opt(0, 0, 0).unwrap_or_default()));
        }
        if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
            q = q.filter(audit_log::at.lt(to.and_hms_opt(0, 0, 0).unwrap_or_default()));
        }
        q
    };
    let total = query().count().get_result::<i64>(conn)?;
    let items = query()
        .select(entry_columns())
        .order(audit_log::id.desc())
        .limit(paging.limit)
        .offset(paging.offset)
        .load(conn)?
        .into_iter()
        .map(entry)
        .collect();
    Ok(Page {
        items,
        total,
        limit: paging.limit,
        offset: paging.offset,
    })
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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/audit").get(list));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_exports_are_actions_plain_reads_are_not() {
        assert_eq!(action_of(&Method::POST, "/api/v1/people"), Some("create"));
        assert_eq!(
            action_of(&Method::PUT, "/api/v1/people/{id}"),
            Some("update")
        );
        assert_eq!(
            action_of(&Method::DELETE, "/api/v1/people/{id}"),
            Some("delete")
        );
        assert_eq!(
            action_of(&Method::GET, "/api/v1/certificates/{id}/pdf"),
            Some("export")
        );
        assert_eq!(action_of(&Method::GET, "/api/v1/people/{id}"), None);
        assert_eq!(action_of(&Method::POST, "/api/v1/auth/login"), None);
        assert_eq!(
            action_of(&Method::POST, "/api/v1/invitations/{token}/accept"),
            None,
            "no token in the log"
        );
    }
}
