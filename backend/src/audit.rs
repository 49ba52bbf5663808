//! The audit log. Every successful change through the API is recorded by [`trail`], which wraps
//! the authenticated API, so no handler can forget it; sign-ins are recorded by the sign-in
//! itself, exports by the routes listed in [`EXPORTS`]. Entries hold ids, never people's data.

use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::schema::audit_log;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web;
use diesel::prelude::*;

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
    "/api/v1/registrations/confirm/{token}",
    "/api/v1/registrations/by-token/{token}",
    "/api/v1/tandem-applications/confirm/{token}",
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
    /// The record's address: the request's path unless the request creates one.
    record: String,
    /// The entry once written.
    written: std::sync::Mutex<Option<Written>>,
}

/// An entry as written inside the change's transaction, before the answer is known: 201 and
/// the new record's address for a transaction that creates one ([`crate::db::Db::create`]),
/// else 200 and the request's path. [`trail`] corrects it when the answer says otherwise.
#[derive(Clone)]
struct Written {
    entry: i64,
    status: u16,
    record: String,
}

/// An address as the log keeps it: without the API's prefix.
fn record_of(location: &str) -> String {
    location.trim_start_matches("/api/v1/").to_owned()
}

impl crate::db::WriteHook for Change {
    /// Writes the entry in the change's transaction, once per request.
    fn before_commit(
        &self,
        conn: &mut DbConnection,
        created: Option<&str>,
    ) -> Result<(), ApiError> {
        let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        if written.is_none() {
            let (status, record) = match created {
                Some(location) => (201, record_of(location)),
                None => (200, self.record.clone()),
            };
            let entry = insert(
                conn,
                self.subject,
                self.action,
                &self.route,
                Some(&record),
                status,
            )?;
            *written = Some(Written {
                entry,
                status,
                record,
            });
        }
        Ok(())
    }
}

impl Change {
    fn written(&self) -> Option<Written> {
        self.written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
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
        record: record_of(&path),
        written: Default::default(),
    });
    let res = crate::db::with_write_hook(change.clone(), next.call(req)).await?;
    let status = res.status().as_u16();
    let located = res
        .headers()
        .get(actix_web::http::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(record_of);
    let Some(state) = res.request().app_data::<web::Data<AppState>>().cloned() else {
        return Ok(res);
    };
    let record = located.unwrap_or_else(|| change.record.clone());
    let written = match change.written() {
        // Written as the request ended: nothing to add.
        Some(w) if w.status == status && w.record == record => Ok(()),
        // The change is stored with its entry; the entry learns how the request ended.
        Some(w) => {
            state
                .db
                .write_unrecorded(move |conn| {
                    diesel::update(audit_log::table.find(w.entry))
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
                .write_unrecorded(move |conn| {
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
