//! `/api/v1/courses/{id}/enrolments`: registration with capacity and an ordered waitlist.
//!
//! Every change runs in a write transaction that first holds the course: SQLite's
//! `BEGIN IMMEDIATE` serialises writers, and on PostgreSQL `SELECT … FOR UPDATE` on the course row
//! does the same across server instances. Inside it, places are counted and given out, so the
//! capacity holds however many register at the same moment; the waitlist is ordered by id.

pub mod store;

use crate::api::courses;
use crate::auth::{Caller, Staff};
use crate::error::ApiError;
use crate::http::Json;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use shared::courses::{Enrolment, EnrolmentInput, EnrolmentStatusInput};
use shared::Problem;
use store::{change_status, list_for, notify_moved_up, register};

/// Everyone enrolled in the course, with waitlist positions.
#[utoipa::path(
    get, path = "/api/v1/courses/{id}/enrolments",
    operation_id = "list_enrolments",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:read"])),
    responses((status = 304, description = "Not modified (`If-None-Match`)"), (status = 200, body = Vec<Enrolment>))
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = state
        .db
        .run(move |conn| {
            courses::store::check_participant_access(
                conn,
                &caller,
                id,
                shared::clients::ClientScope::CoursesRead,
            )?;
            courses::store::find(conn, id)?;
            list_for(conn, id)
        })
        .await?;
    crate::http::json_with_etag(&req, &list)
}

/// Registers a person: confirmed while places are free, else on the waitlist in order. For a
/// trainer course a tandem registers together (`tandem_partner_id`), with the local course it runs.
#[utoipa::path(
    post, path = "/api/v1/courses/{id}/enrolments",
    operation_id = "create_enrolment",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    security(("bearer" = ["staff"])),
    request_body = EnrolmentInput,
    responses(
        (status = 201, body = Vec<Enrolment>),
        (status = 409, description = "Already enrolled, or the course takes no registrations", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
    body: Json<EnrolmentInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let input = body.into_inner();
    let list = state
        .db
        .write(move |conn| {
            register(conn, id, &input)?;
            list_for(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(list))
}

/// Confirms, cancels, completes or marks an enrolment as dropped out; a freed place goes to
/// the first on the waitlist.
#[utoipa::path(
    put, path = "/api/v1/courses/{id}/enrolments/{enrolment_id}",
    operation_id = "update_enrolment",
    params(("id" = i64, Path, description = "Id of the course"), ("enrolment_id" = i64, Path, description = "Id of the enrolment")),
    tag = "courses",
    security(("bearer" = ["staff"])),
    request_body = EnrolmentStatusInput,
    responses(
        (status = 200, body = Vec<Enrolment>),
        (status = 409, body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: web::Data<AppState>,
    _staff: Staff,
    path: web::Path<(i64, i64)>,
    body: Json<EnrolmentStatusInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, enrolment_id) = path.into_inner();
    let next = body.status;
    let mailer = state.mailer.clone();
    let list = state
        .db
        .write(move |conn| {
            let moved_up = change_status(conn, id, enrolment_id, next)?;
            notify_moved_up(conn, &mailer, id, &moved_up)?;
            list_for(conn, id)
        })
        .await?;
    state.mailer.wake();
    Ok(HttpResponse::Ok().json(list))
}

routes! {
    "/courses/{id}/enrolments" => [get(list), post(create)],
    "/courses/{id}/enrolments/{enrolment_id}" => [put(update)],
}
