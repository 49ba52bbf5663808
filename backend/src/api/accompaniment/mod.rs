//! `/api/v1/courses/{id}/accompaniment`: the accompaniment year after a Mentorenkurs, in which
//! the trainers meet the new mentors (Begleittreffen) and record who came; and
//! `/api/v1/people/{id}/accompaniment`, the meetings on a person's record.

pub mod store;

use crate::api::{courses, people};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::{created, Json};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use shared::accompaniment::{Accompaniment, AccompanimentMeetingInput, AttendedMeeting};
use shared::clients::ClientScope;
use shared::Problem;

/// The course's accompaniment year: its dates, the new mentors and the meetings held.
#[utoipa::path(
    get, path = "/api/v1/courses/{id}/accompaniment",
    operation_id = "get_accompaniment",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:read"])),
    responses((status = 200, body = Accompaniment), (status = 304, description = "Not modified (`If-None-Match`)"))
)]
#[tracing::instrument(skip_all)]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let accompaniment = state
        .db
        .run(move |conn| {
            courses::store::check_participant_access(conn, &caller, id, ClientScope::CoursesRead)?;
            let course = courses::store::find(conn, id)?;
            store::load(conn, &course)
        })
        .await?;
    crate::http::json_with_etag(&req, &accompaniment)
}

/// Records a meeting of the accompaniment year and who attended. The course's trainers and the
/// education provider record it.
#[utoipa::path(
    post, path = "/api/v1/courses/{id}/accompaniment",
    operation_id = "create_accompaniment_meeting",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = AccompanimentMeetingInput,
    responses(
        (status = 201, body = Accompaniment),
        (status = 409, description = "The course is no completed Mentorenkurs", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: Json<AccompanimentMeetingInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let draft = body.parse()?;
    let today = crate::dates::today_in_berlin();
    let (accompaniment, location) = state
        .db
        .create(move |conn| {
            courses::store::check_participant_access(conn, &caller, id, ClientScope::CoursesWrite)?;
            let course = courses::store::find(conn, id)?;
            let meeting = store::store(conn, &course, None, &draft, today)?;
            Ok((
                store::load(conn, &course)?,
                format!("/api/v1/courses/{id}/accompaniment#{meeting}"),
            ))
        })
        .await?;
    Ok(created(location, None, &accompaniment))
}

/// Changes a meeting: date, place, topic and who attended.
#[utoipa::path(
    put, path = "/api/v1/courses/{id}/accompaniment/{meeting_id}",
    operation_id = "update_accompaniment_meeting",
    params(("id" = i64, Path, description = "Id of the course"), ("meeting_id" = i64, Path, description = "Id of the meeting")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = AccompanimentMeetingInput,
    responses(
        (status = 200, body = Accompaniment),
        (status = 409, description = "The course is no completed Mentorenkurs", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
    body: Json<AccompanimentMeetingInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, meeting) = path.into_inner();
    let draft = body.parse()?;
    let today = crate::dates::today_in_berlin();
    let accompaniment = state
        .db
        .write(move |conn| {
            courses::store::check_participant_access(conn, &caller, id, ClientScope::CoursesWrite)?;
            let course = courses::store::find(conn, id)?;
            store::store(conn, &course, Some(meeting), &draft, today)?;
            store::load(conn, &course)
        })
        .await?;
    Ok(HttpResponse::Ok().json(accompaniment))
}

/// Removes a meeting recorded by mistake.
#[utoipa::path(
    delete, path = "/api/v1/courses/{id}/accompaniment/{meeting_id}",
    operation_id = "delete_accompaniment_meeting",
    params(("id" = i64, Path, description = "Id of the course"), ("meeting_id" = i64, Path, description = "Id of the meeting")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    responses((status = 204))
)]
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, meeting) = path.into_inner();
    state
        .db
        .write(move |conn| {
            courses::store::check_participant_access(conn, &caller, id, ClientScope::CoursesWrite)?;
            store::remove(conn, id, meeting)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The accompaniment meetings a person attended, newest first.
#[utoipa::path(
    get, path = "/api/v1/people/{id}/accompaniment",
    operation_id = "list_attended_accompaniment_meetings",
    params(("id" = i64, Path, description = "Id of the person")),
    tag = "people",
    security(("bearer" = []), ("oauth2" = ["mentors:read"])),
    responses((status = 200, body = Vec<AttendedMeeting>))
)]
#[tracing::instrument(skip_all)]
pub async fn attended(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let meetings = state
        .db
        .run(move |conn| {
            people::store::check_visible(conn, &caller, id)?;
            people::store::find(conn, id)?;
            store::attended(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(meetings))
}

routes! {
    "/courses/{id}/accompaniment" => [get(get), post(create)],
    "/courses/{id}/accompaniment/{meeting_id}" => [put(update), delete(remove)],
    "/people/{id}/accompaniment" => [get(attended)],
}
