//! Queries and rules of `audit`: what the handlers in `mod.rs` call.

use super::AuditFilter;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::http::Paging;
use crate::schema::{accounts, audit_log};
use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use shared::audit::AuditEntry;
use shared::Page;

pub(crate) type EntryRow = (
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

pub(crate) type EntryColumns = (
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

pub(crate) fn entry_columns() -> EntryColumns {
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

pub(crate) fn entry(
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

pub(crate) fn search(
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
    let items = paging
        .window(query().select(entry_columns()).order(audit_log::id.desc()))
        .load(conn)?
        .into_iter()
        .map(entry)
        .collect();
    Ok(paging.page(items, total))
}
