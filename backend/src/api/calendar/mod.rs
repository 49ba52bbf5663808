//! iCalendar feeds (RFC 5545) of course sessions: one per course and one of all open courses.
//! Session times are local times in Europe/Berlin; the feed gives them in UTC, which every
//! calendar app reads without a VTIMEZONE block.

pub mod reminders;
pub mod store;

use crate::api::courses::{self, PublicCourseFilter};
use crate::error::ApiError;
use crate::http::Query;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use store::{calendar, ics_response};

/// The sessions of one course as an iCalendar feed.
#[utoipa::path(
    get, path = "/api/v1/courses/{id}/calendar.ics",
    operation_id = "get_course_calendar",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    responses(
        (status = 200, description = "iCalendar (RFC 5545), times in UTC", content_type = "text/calendar", body = String),
        (status = 404, body = shared::Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn course(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let course = state
        .db
        .run(move |conn| courses::store::find(conn, id))
        .await?;
    Ok(ics_response(calendar(
        &course.title,
        std::slice::from_ref(&course),
    )))
}

/// The sessions of all open courses (same filters as the public course listing) as an iCalendar
/// feed for municipal sites and calendar subscriptions.
#[utoipa::path(
    get, path = "/api/v1/public/courses.ics",
    operation_id = "get_public_courses_calendar",
    tag = "public",
    params(PublicCourseFilter),
    responses(
        (status = 200, description = "iCalendar (RFC 5545), times in UTC", content_type = "text/calendar", body = String),
        (status = 422, body = shared::Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn open_courses(
    state: web::Data<AppState>,
    filter: Query<PublicCourseFilter>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.into_inner().parse()?;
    let open = state
        .db
        .run(move |conn| courses::store::open_courses(conn, &filter, None))
        .await?;
    Ok(ics_response(calendar("Mentorat – offene Kurse", &open.1)))
}

routes! {
    "/courses/{id}/calendar.ics" => [get(course)];
    public: "/courses.ics" => [get(open_courses)],
}
