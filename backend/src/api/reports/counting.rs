//! Mentor figures counted ahead of the asking. Counting walks every mentor's status history
//! (about a second at 100,000 mentors); so that no report waits for it, the server counts the
//! periods staff ask for most when it starts, and looks again a few seconds after every full
//! minute: the figures of running periods are due anew each hour, and a backdated correction
//! removes those it makes wrong. Looking is a primary-key read per period. Several instances
//! may count the same period; the first to record it wins and the others read it back.

use crate::db::Db;
use chrono::{DurationRound, TimeDelta, Utc};
use std::time::Duration;

/// How long after the full minute the server looks: past the turn of an hour, with room for
/// clock skew.
const AFTER_THE_MINUTE: TimeDelta = TimeDelta::seconds(5);

/// Runs for as long as the server does (it is polled beside it and dropped with it).
pub async fn keep_counted(db: Db) {
    loop {
        let now = Utc::now();
        let counted = db
            .run(move |conn| {
                super::store::count_recent(conn, crate::dates::today_in_berlin(), now.naive_utc())
                    .map_err(crate::error::ApiError::from)
            })
            .await;
        match counted {
            Ok(0) => {}
            Ok(periods) => tracing::info!(periods, "mentor figures counted ahead"),
            Err(error) => tracing::warn!(?error, "counting mentor figures ahead failed"),
        }
        let next = Utc::now()
            .duration_trunc(TimeDelta::minutes(1))
            .map_or(now, |minute| {
                minute + TimeDelta::minutes(1) + AFTER_THE_MINUTE
            });
        let wait = (next - Utc::now())
            .to_std()
            .unwrap_or(Duration::from_secs(60));
        actix_web::rt::time::sleep(wait).await;
    }
}
