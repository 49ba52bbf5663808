//! Reminders two days before each session, with the session's calendar entry. Looked for when
//! the server starts and every ten minutes; each reminder is queued once per participant,
//! session and date (the queue refuses a second mail for the same event), so several instances
//! and restarts send none twice, and a session moved to another date is reminded of anew.

use super::store::{calendar, location};
use crate::api::courses;
use crate::db::{Db, DbConnection};
use crate::error::ApiError;
use crate::mail::{enqueue, Mailer};
use crate::schema::{course_sessions, courses as course_table};
use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use shared::courses::CourseStatus;
use std::time::Duration;

/// How many days ahead of a session its reminder goes out.
pub const DAYS_AHEAD: u64 = 2;
const LOOK_EVERY: Duration = Duration::from_secs(600);

/// Runs for as long as the server does (polled beside it).
pub async fn keep_reminding(db: Db, mailer: std::sync::Arc<Mailer>) {
    loop {
        let today = crate::dates::today_in_berlin();
        let queuing = mailer.clone();
        match db
            .write_apart(move |conn| queue_reminders(conn, &queuing, today))
            .await
        {
            Ok(0) => {}
            Ok(queued) => {
                tracing::info!(queued, "session reminders queued");
                mailer.wake();
            }
            Err(error) => tracing::warn!(?error, "queuing session reminders failed"),
        }
        actix_web::rt::time::sleep(LOOK_EVERY).await;
    }
}

/// Queues the reminders of the sessions `DAYS_AHEAD` days after `today` in courses that run or
/// take registrations; answers how many were new.
pub fn queue_reminders(
    conn: &mut DbConnection,
    mailer: &Mailer,
    today: NaiveDate,
) -> Result<usize, ApiError> {
    let Some(day) = today.checked_add_days(Days::new(DAYS_AHEAD)) else {
        return Ok(0);
    };
    let course_ids: Vec<i64> = course_sessions::table
        .inner_join(course_table::table)
        .filter(course_sessions::session_date.eq(day))
        .filter(course_table::status.eq_any([
            CourseStatus::RegistrationOpen.code(),
            CourseStatus::Full.code(),
            CourseStatus::Running.code(),
        ]))
        .select(course_sessions::course_id)
        .distinct()
        .load(conn)?;
    let mut queued = 0;
    for id in course_ids {
        let course = courses::store::find(conn, id)?;
        let participants = crate::notices::participants(conn, id)?;
        for session in course.sessions.iter().filter(|s| s.date == Some(day)) {
            let mut single = course.clone();
            single.sessions = vec![session.clone()];
            let entry = calendar(&course.title, &[single]);
            let place = location(&course, session);
            for (enrolment, to) in &participants {
                queued += usize::from(enqueue(
                    conn,
                    mailer,
                    crate::notices::reminder(
                        to,
                        *enrolment,
                        &course.title,
                        session,
                        place.as_deref(),
                        entry.clone(),
                    ),
                )?);
            }
        }
    }
    Ok(queued)
}
