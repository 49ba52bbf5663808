//! `/api/v1/courses/{id}/attendance`: attendance per participant and session, recorded in bulk
//! for a whole session, and the grid with running totals against the required hours.

pub mod store;

use crate::api::courses;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::Json;
use crate::schema::attendance;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::courses::{AttendanceGrid, AttendanceMark, AttendanceStatus};
use shared::Problem;
use store::grid;

/// The attendance grid: participants × sessions with each participant's total.
#[utoipa::path(
    get, path = "/api/v1/courses/{id}/attendance",
    operation_id = "get_attendance",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:read"])),
    responses((status = 304, description = "Not modified (`If-None-Match`)"), (status = 200, body = AttendanceGrid))
)]
#[tracing::instrument(skip_all)]
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
            courses::store::check_participant_access(
                conn,
                &caller,
                id,
                shared::clients::ClientScope::CoursesRead,
            )?;
            let course = courses::store::find(conn, id)?;
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
        (status = 200, body = AttendanceGrid),
        (status = 409, description = "The session has no date yet or lies ahead", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
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
            courses::store::check_participant_access(conn, &caller, id, shared::clients::ClientScope::CoursesWrite)?;
            let course = courses::store::find(conn, id)?;
            let session = course.sessions.iter().find(|s| s.id == session_id).ok_or_else(|| ApiError::not_found("Der Termin"))?;
            // Only what happened is recorded: a session without a date or still ahead has none.
            match session.date {
                None => return Err(ApiError::Conflict("session_undated", "Für einen Termin ohne Datum kann keine Anwesenheit erfasst werden.".into())),
                Some(date) if date > crate::dates::today_in_berlin() => return Err(ApiError::Conflict("session_ahead", format!("Anwesenheit wird ab dem Tag des Termins erfasst; dieser Termin ist am {}.", crate::dates::german_short(date)))),
                Some(_) => {}
            }
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

routes! {
    "/courses/{id}/attendance" => [get(get)],
    "/courses/{id}/sessions/{session_id}/attendance" => [put(record)],
}
