//! `/api/v1/courses/{id}/attendance`: attendance per participant and session, recorded in bulk
//! for a whole session, and the grid with running totals against the required hours.

use crate::auth::Caller;
use crate::courses;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::http::Json;
use crate::schema::{attendance, enrolments, people};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::courses::{
    AttendanceCell, AttendanceGrid, AttendanceMark, AttendanceRow, AttendanceStatus, Course,
    EnrolmentStatus,
};
use std::collections::HashMap;

/// Hours a mark counts for: the session's hours when present, the recorded ones when partial.
fn counted_hours(status: AttendanceStatus, recorded: Option<f64>, session_hours: f64) -> f64 {
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
    let marks: HashMap<(i64, i64), (String, Option<f64>)> = attendance::table
        .filter(attendance::enrolment_id.eq_any(&ids))
        .select((
            attendance::enrolment_id,
            attendance::session_id,
            attendance::status,
            attendance::hours,
        ))
        .load::<(i64, i64, String, Option<f64>)>(conn)?
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
                    let status = AttendanceStatus::from_code(status)?;
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

/// The attendance grid: participants × sessions with each participant's total.
#[utoipa::path(
    get, path = "/api/v1/courses/{id}/attendance",
    operation_id = "get_attendance",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:read"])),
    responses((status = 304, description = "Not modified (`If-None-Match`)"), (status = 200, body = AttendanceGrid))
)]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let grid = state
        .db
        .run(move |conn| {
            courses::check_participant_access(
                conn,
                &caller,
                id,
                shared::clients::ClientScope::CoursesRead,
            )?;
            let course = courses::find(conn, id)?;
            grid(conn, &course)
        })
        .await?;
    crate::http::json_with_etag(&req, &grid)
}

/// Records attendance for a whole session at once; marks for other participants stay as they are.
#[utoipa::path(
    put, path = "/api/v1/courses/{id}/sessions/{session_id}/attendance",
    operation_id = "record_attendance",
    params(("id" = i64, Path, description = "Id of the course"), ("session_id" = i64, Path, description = "Id of the session")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = Vec<AttendanceMark>,
    responses(
        (status = 200, body = AttendanceGrid))
)]
pub async fn record(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
    body: Json<Vec<AttendanceMark>>,
) -> Result<HttpResponse, ApiError> {
    let (id, session_id) = path.into_inner();
    let marks = body.into_inner();
    let grid = state
        .db
        .write(move |conn| {
            courses::check_participant_access(conn, &caller, id, shared::clients::ClientScope::CoursesWrite)?;
            let course = courses::find(conn, id)?;
            let session = course.sessions.iter().find(|s| s.id == session_id).ok_or_else(|| ApiError::not_found("Der Termin"))?;
            let participants: Vec<i64> = grid(conn, &course)?.rows.iter().map(|r| r.enrolment_id).collect();
            let mut errors = shared::FieldErrors::default();
            for (i, mark) in marks.iter().enumerate() {
                if !participants.contains(&mark.enrolment_id) {
                    errors.add(&format!("[{i}].enrolment_id"), "unknown", "Diese Anmeldung gehört zu keinem Teilnehmenden des Kurses.");
                }
                match (mark.status, mark.hours) {
                    (AttendanceStatus::Partial, Some(h)) if h > 0.0 && h <= session.hours => {}
                    (AttendanceStatus::Partial, _) => errors.add(
                        &format!("[{i}].hours"),
                        "range",
                        format!("Bei teilweiser Anwesenheit die Stunden angeben (mehr als 0, höchstens {}).", session.hours),
                    ),
                    _ => {}
                }
            }
            errors.into_result()?;
            for mark in &marks {
                diesel::delete(attendance::table.find((mark.enrolment_id, session_id))).execute(conn)?;
                let hours = (mark.status == AttendanceStatus::Partial).then_some(mark.hours).flatten();
                diesel::insert_into(attendance::table)
                    .values((
                        attendance::enrolment_id.eq(mark.enrolment_id),
                        attendance::session_id.eq(session_id),
                        attendance::status.eq(mark.status.code()),
                        attendance::hours.eq(hours),
                    ))
                    .execute(conn)?;
            }
            grid(conn, &course)
        })
        .await?;
    Ok(HttpResponse::Ok().json(grid))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/courses/{id}/attendance").get(get))
        .service(web::resource("/courses/{id}/sessions/{session_id}/attendance").put(record));
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
