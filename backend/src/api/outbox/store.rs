//! Queries and rules of `outbox`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::mail_outbox;
use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use shared::accounts::{MailState, OutboxMail};

type Row = (
    i64,
    String,
    String,
    String,
    NaiveDateTime,
    MailState,
    i32,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<String>,
);

/// The newest mail first, at most `limit`, optionally only in one state.
pub fn list(
    conn: &mut DbConnection,
    state: Option<MailState>,
    limit: i64,
) -> Result<Vec<OutboxMail>, ApiError> {
    let mut query = mail_outbox::table
        .select((
            mail_outbox::id,
            mail_outbox::recipient,
            mail_outbox::subject,
            mail_outbox::body,
            mail_outbox::created_at,
            mail_outbox::state,
            mail_outbox::attempts,
            mail_outbox::next_attempt_at,
            mail_outbox::sent_at,
            mail_outbox::last_error,
        ))
        .order(mail_outbox::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(state) = state {
        query = query.filter(mail_outbox::state.eq(state.code()));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let utc = |at: NaiveDateTime| Utc.from_utc_datetime(&at);
    Ok(rows
        .into_iter()
        .map(
            |(id, recipient, subject, body, created, state, attempts, next, sent, error)| {
                OutboxMail {
                    id,
                    recipient,
                    subject,
                    body,
                    created_at: utc(created),
                    state,
                    attempts,
                    next_attempt_at: next.map(utc),
                    sent_at: sent.map(utc),
                    last_error: error,
                }
            },
        )
        .collect())
}

/// Whether a mail with this id is in the queue.
pub fn exists(conn: &mut DbConnection, id: i64) -> Result<bool, ApiError> {
    Ok(mail_outbox::table
        .find(id)
        .count()
        .get_result::<i64>(conn)?
        > 0)
}
