//! Queries and rules of `privacy`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::{attendance, course_sessions, courses, enrolments};
use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use shared::courses::{AttendanceStatus, EnrolmentStatus};
use shared::people::{ExportedAttendance, ExportedEnrolment, PersonalDataExport};

pub(crate) fn enrolments_of(
    conn: &mut DbConnection,
    person: i64,
) -> Result<Vec<ExportedEnrolment>, ApiError> {
    let rows: Vec<(i64, i64, String, EnrolmentStatus, chrono::NaiveDateTime)> = enrolments::table
        .inner_join(courses::table)
        .filter(enrolments::person_id.eq(person))
        .select((
            enrolments::id,
            enrolments::course_id,
            courses::title,
            enrolments::status,
            enrolments::created_at,
        ))
        .order(enrolments::id)
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let marks: Vec<(
        i64,
        Option<chrono::NaiveDate>,
        AttendanceStatus,
        Option<f64>,
    )> = attendance::table
        .inner_join(course_sessions::table)
        .filter(attendance::enrolment_id.eq_any(&ids))
        .select((
            attendance::enrolment_id,
            course_sessions::session_date,
            attendance::status,
            attendance::hours,
        ))
        .order((attendance::enrolment_id, course_sessions::session_date))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, course_id, course_title, status, created_at)| ExportedEnrolment {
                course_id,
                course_title,
                status,
                registered_at: Utc.from_utc_datetime(&created_at),
                attendance: marks
                    .iter()
                    .filter(|m| m.0 == id)
                    .map(|(_, session_date, status, hours)| ExportedAttendance {
                        session_date: *session_date,
                        status: *status,
                        hours: *hours,
                    })
                    .collect(),
            },
        )
        .collect())
}

pub fn export_of(conn: &mut DbConnection, id: i64) -> Result<PersonalDataExport, ApiError> {
    let person = crate::api::people::store::find(conn, id)?;
    let accounts = crate::api::accounts::store::of_person(conn, id)?;
    let account_ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
    Ok(PersonalDataExport {
        exported_at: Utc::now(),
        enrolments: enrolments_of(conn, id)?,
        certificates: crate::api::certificates::store::for_person(conn, id)?,
        audit: crate::api::audit::store::about(conn, &format!("people/{id}"), &account_ids)?,
        accounts,
        person,
    })
}
