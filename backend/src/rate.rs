//! Rate limits held in the database: a counter per key in a fixed window. The counter moves in
//! the same statement that reads it, inside the caller's write transaction, so the limit holds
//! for parallel requests on any number of server instances; a refused request is rolled back
//! with its transaction and so does not count.

use crate::db::{dialect, DbConnection};
use crate::error::ApiError;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text, Timestamp};

/// A counter key for `purpose` and `subject`: a hash, so the table names nobody.
pub fn key(purpose: &str, subject: &str) -> String {
    crate::secrets::digest_hex(&format!(
        "mentorat-{purpose}:{}",
        subject.trim().to_lowercase()
    ))
}

#[derive(QueryableByName)]
struct Counter {
    #[diesel(sql_type = Integer)]
    hits: i32,
    #[diesel(sql_type = Timestamp)]
    window_start: NaiveDateTime,
}

/// Counts a hit on `key`; beyond `limit` hits in the `window` that began with the first of
/// them, answers 429 with the seconds until the window ends. Call inside a write transaction
/// and let the error roll it back.
pub fn hit(
    conn: &mut DbConnection,
    key: &str,
    limit: i32,
    window: Duration,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let sql = dialect(
        conn,
        "INSERT INTO rate_counters (key, hits, window_start) VALUES ($1, 1, $2) \
         ON CONFLICT (key) DO UPDATE SET \
           hits = CASE WHEN rate_counters.window_start <= $3 THEN 1 ELSE rate_counters.hits + 1 END, \
           window_start = CASE WHEN rate_counters.window_start <= $3 THEN $2 ELSE rate_counters.window_start END \
         RETURNING hits, window_start",
    );
    let counter: Counter = diesel::sql_query(sql)
        .bind::<Text, _>(key)
        .bind::<Timestamp, _>(now)
        .bind::<Timestamp, _>(now - window)
        .get_result(conn)?;
    if counter.hits > limit {
        let wait = (counter.window_start + window - now).num_seconds().max(1);
        return Err(ApiError::TooManyRequests(wait));
    }
    Ok(())
}

/// Forgets the hits on `key` (a successful sign-in clears its failures).
pub fn clear(conn: &mut DbConnection, key: &str) -> Result<(), ApiError> {
    use crate::schema::rate_counters;
    diesel::delete(rate_counters::table.find(key)).execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_spaces_and_hide_the_subject() {
        assert_eq!(
            key("sign-in", " Anna@Example.de "),
            key("sign-in", "anna@example.de")
        );
        assert_ne!(
            key("sign-in", "anna@example.de"),
            key("reset", "anna@example.de")
        );
        assert!(!key("sign-in", "anna@example.de").contains("anna"));
        assert_eq!(key("sign-in", "a@b.de").len(), 64);
    }
}
