//! Queries and rules of `attendance`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::{attendance, enrolments, people};
use diesel::prelude::*;
use shared::courses::{
    AttendanceCell, AttendanceGrid, AttendanceRow, AttendanceStatus, Course, EnrolmentStatus,
};
use std::collections::HashMap;

/// Hours a mark counts for: the session's hours when present, the recorded ones when partial.
pub(crate) fn counted_hours(
    status: AttendanceStatus,
    recorded: Option<f64>,
    session_hours: f64,
) -> f64 {
    match status {
        AttendanceStatus::Present => session_hours,
        AttendanceStatus::Partial => recorded.unwrap_or(0.0).min(session_hours),
        AttendanceStatus::Excused | AttendanceStatus::Absent => 0.0,
    }
}

pub fn grid(conn: &mut DbConnection, course: &Course) -> Result<AttendanceGrid, ApiError> {
    let participants: Vec<(i64, i64, String, String)> = enrolments::table
        .inner_join(people::table)
        .filter(enrolments::course_id.eq(course.id))
        .filter(enrolments::status.eq_any([
            EnrolmentStatus::Registered.code(),
            EnrolmentStatus::Confirmed.code(),
            EnrolmentStatus::Completed.code(),
        ]))
        .select((
            enrolments::id,
            enrolments::person_id,
            people::given_name,
            people::family_name,
        ))
        .order((people::family_name, people::given_name, enrolments::id))
        .load(conn)?;
    let ids: Vec<i64> = participants.iter().map(|p| p.0).collect();
    let marks: HashMap<(i64, i64), (AttendanceStatus, Option<f64>)> = attendance::table
        .filter(attendance::enrolment_id.eq_any(&ids))
        .select((
            attendance::enrolment_id,
            attendance::session_id,
            attendance::status,
            attendance::hours,
        ))
        .load::<(i64, i64, AttendanceStatus, Option<f64>)>(conn)?
        .into_iter()
        .map(|(e, s, status, hours)| ((e, s), (status, hours)))
        .collect();
    let rows = participants
        .into_iter()
        .map(|(enrolment_id, person_id, given_name, family_name)| {
            let sessions: Vec<Option<AttendanceCell>> = course
                .sessions
                .iter()
                .map(|s| {
                    let (status, recorded) = marks.get(&(enrolment_id, s.id))?;
                    let status = *status;
                    Some(AttendanceCell {
                        status,
                        hours: counted_hours(status, *recorded, s.hours),
                    })
                })
                .collect();
            let total_hours = sessions.iter().flatten().map(|c| c.hours).sum::<f64>();
            AttendanceRow {
                enrolment_id,
                person_id,
                given_name,
                family_name,
                sessions,
                reached: total_hours >= course.required_hours,
                total_hours,
            }
        })
        .collect();
    Ok(AttendanceGrid {
        required_hours: course.required_hours,
        session_ids: course.sessions.iter().map(|s| s.id).collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_counts_the_session_partial_the_recorded_hours() {
        assert_eq!(counted_hours(AttendanceStatus::Present, None, 3.5), 3.5);
        assert_eq!(
            counted_hours(AttendanceStatus::Partial, Some(1.5), 3.5),
            1.5
        );
        assert_eq!(
            counted_hours(AttendanceStatus::Partial, Some(9.0), 3.5),
            3.5,
            "never more than the session"
        );
        assert_eq!(counted_hours(AttendanceStatus::Excused, None, 3.5), 0.0);
    }
}
