//! Sign-in throttling: after a few failures for one e-mail address, further attempts wait,
//! longer with every failure. Kept in the database, so it holds across server instances; the
//! same for unknown addresses as for known ones.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::login_throttle;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// Failures allowed before attempts have to wait.
pub const FREE_FAILURES: i32 = 5;
/// Failures older than this are forgotten.
const WINDOW: Duration = Duration::minutes(15);
const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// The throttle key of an e-mail address: a hash, so the table names nobody.
pub fn key(email: &str) -> String {
    super::digest_hex(&format!("mentorat-sign-in:{}", email.trim().to_lowercase()))
}

/// How long sign-in waits after `failures` failures in a row: nothing for the first few, then
/// 30 s, doubling up to 15 minutes.
pub fn wait_after(failures: i32) -> Option<Duration> {
    let over = (failures - FREE_FAILURES).min(10);
    (over >= 0).then(|| Duration::seconds((30i64 << over).min(MAX_WAIT_SECONDS)))
}

/// Seconds until `key` may try again, if it has to wait.
pub fn blocked_for(
    conn: &mut DbConnection,
    key: &str,
    now: NaiveDateTime,
) -> Result<Option<i64>, ApiError> {
    let until: Option<Option<NaiveDateTime>> = login_throttle::table
        .find(key)
        .select(login_throttle::blocked_until)
        .first(conn)
        .optional()?;
    Ok(until
        .flatten()
        .filter(|u| *u > now)
        .map(|u| (u - now).num_seconds().max(1)))
}

pub fn record_failure(
    conn: &mut DbConnection,
    key: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let previous: Option<(i32, NaiveDateTime)> = login_throttle::table
        .find(key)
        .select((login_throttle::failures, login_throttle::last_failure_at))
        .first(conn)
        .optional()?;
    let failures = match previous {
        Some((n, last)) if now - last < WINDOW => n + 1,
        _ => 1,
    };
    let blocked_until = wait_after(failures).map(|w| now + w);
    let values = (
        login_throttle::failures.eq(failures),
        login_throttle::last_failure_at.eq(now),
        login_throttle::blocked_until.eq(blocked_until),
    );
    if previous.is_some() {
        diesel::update(login_throttle::table.find(key))
            .set(values)
            .execute(conn)?;
    } else {
        diesel::insert_into(login_throttle::table)
            .values((login_throttle::key.eq(key), values))
            .execute(conn)?;
    }
    Ok(())
}

pub fn clear(conn: &mut DbConnection, key: &str) -> Result<(), ApiError> {
    diesel::delete(login_throttle::table.find(key)).execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failures_are_free_then_waits_double_up_to_a_limit() {
        assert_eq!(wait_after(FREE_FAILURES - 1), None);
        assert_eq!(wait_after(FREE_FAILURES), Some(Duration::seconds(30)));
        assert_eq!(wait_after(FREE_FAILURES + 2), Some(Duration::seconds(120)));
        assert_eq!(
            wait_after(FREE_FAILURES + 40),
            Some(Duration::seconds(MAX_WAIT_SECONDS))
        );
    }

    #[test]
    fn the_key_ignores_case_and_spaces_and_hides_the_address() {
        assert_eq!(key(" Anna@Example.de "), key("anna@example.de"));
        assert!(!key("anna@example.de").contains("anna"));
        assert_eq!(key("a@b.de").len(), 64);
    }
}
