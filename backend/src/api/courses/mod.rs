//! `/api/v1/courses`: local mentor courses and trainer courses with their sessions. Reads of
//! courses are public (municipal sites list them); changes need a staff account.

pub mod seed;
pub mod store;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::{
    expected_version, json_versioned, json_with_etag, query_value, version_etag, PageParams,
};
use crate::http::{Json, Query};
use crate::schema::{course_sessions, courses};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;
use shared::clients::ClientScope;
use shared::courses::{
    Course, CourseInput, CourseKind, CourseStatus, PublicCourse, ScheduledSession, SessionInput,
    StatusInput,
};
use shared::{DistrictKey, Page, Problem};
use store::{
    find, insert_session, load, open_courses, save, session_values, touch, OpenCourseFilter,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CourseFilter {
    pub kind: Option<CourseKind>,
    pub status: Option<CourseStatus>,
    /// 5-digit district key of the course's municipality.
    #[param(pattern = "^[0-9]{5}$")]
    pub district: Option<String>,
    /// Courses with a session in this year (1900 to 2200).
    #[param(minimum = 1900, maximum = 2200)]
    pub year: Option<i32>,
}

/// Courses, newest first, filtered by kind, status, district and year.
#[utoipa::path(
    get, path = "/api/v1/courses",
    operation_id = "list_courses",
    tag = "courses",
    params(CourseFilter, PageParams),
    responses((status = 200, body = Page<Course>), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<CourseFilter>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let paging = page.into_inner().parse()?;
    let filter = filter.into_inner();
    let mut errors = shared::FieldErrors::default();
    let district = query_value::<DistrictKey>(&mut errors, "district", filter.district.as_deref());
    if filter.year.is_some_and(|y| !(1900..=2200).contains(&y)) {
        errors.add("year", "range", "Das Jahr liegt zwischen 1900 und 2200.");
    }
    errors.into_result()?;
    let page = state
        .db
        .run(move |conn| {
            let query = || {
                let mut q = courses::table.into_boxed();
                if let Some(kind) = filter.kind {
                    q = q.filter(courses::kind.eq(kind.code()));
                }
                if let Some(status) = filter.status {
                    q = q.filter(courses::status.eq(status.code()));
                }
                if let Some(d) = &district {
                    q = q.filter({
                        let (first, last) = d.ags_range();
                        courses::municipality_ags.between(first, last)
                    });
                }
                if let Some(year) = filter.year {
                    let (from, to) = (
                        NaiveDate::from_ymd_opt(year, 1, 1),
                        NaiveDate::from_ymd_opt(year, 12, 31),
                    );
                    q = q.filter(
                        courses::id.eq_any(
                            course_sessions::table
                                .filter(
                                    course_sessions::session_date
                                        .ge(from)
                                        .and(course_sessions::session_date.le(to)),
                                )
                                .select(course_sessions::course_id),
                        ),
                    );
                }
                q
            };
            let total = query().count().get_result::<i64>(conn)?;
            let ids: Vec<i64> = paging
                .window(query().select(courses::id).order(courses::id.desc()))
                .load(conn)?;
            Ok(paging.page(load(conn, &ids)?, total))
        })
        .await?;
    json_with_etag(&req, &page)
}

/// One course with its sessions.
#[utoipa::path(
    get, path = "/api/v1/courses/{id}",
    operation_id = "get_course",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    responses((status = 200, body = Course), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let course = state.db.run(move |conn| find(conn, id)).await?;
    json_versioned(&req, &course, course.version)
}

/// Plans a new course (status `planned`).
#[utoipa::path(
    post, path = "/api/v1/courses",
    operation_id = "create_course",
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = CourseInput,
    responses((status = 201, body = Course))
)]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CourseInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let draft = body.parse()?;
    let (course, location) = state
        .db
        .create(move |conn| {
            let id = save(conn, None, &draft, 1)?;
            Ok((find(conn, id)?, format!("/api/v1/courses/{id}")))
        })
        .await?;
    Ok(crate::http::created(
        location,
        Some(course.version),
        &course,
    ))
}

/// Replaces a course's data (not its status or sessions). Needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/courses/{id}",
    operation_id = "update_course",
    params(("id" = i64, Path, description = "Id of the course"), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = CourseInput,
    responses(
        (status = 200, body = Course),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 428, body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<CourseInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let id = id.into_inner();
    let draft = body.parse()?;
    let expected = expected_version(&req)?;
    let course = state
        .db
        .write(move |conn| {
            let current = find(conn, id)?;
            crate::http::check_version(expected, current.version)?;
            if current.kind != draft.kind {
                return Err(ApiError::field(
                    "kind",
                    "fixed",
                    "Die Kursart lässt sich nach dem Anlegen nicht mehr ändern.",
                ));
            }
            save(conn, Some(id), &draft, current.version + 1)?;
            find(conn, id)
        })
        .await?;
    json_versioned(&req, &course, course.version)
}

/// Moves a course to another status; only sensible steps are allowed (e.g. no way back from
/// completed or cancelled).
#[utoipa::path(
    put, path = "/api/v1/courses/{id}/status",
    operation_id = "set_course_status",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = StatusInput,
    responses(
        (status = 200, body = Course),
        (status = 409, description = "Not a possible step from the current status, or a course that cannot be completed yet: undated sessions, sessions ahead, no qualified trainer tandem, or an unusual period without a reason", body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn set_status(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<StatusInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let id = id.into_inner();
    let StatusInput {
        status: next,
        reason,
    } = body.into_inner();
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 1000) {
        return Err(ApiError::field(
            "reason",
            "too_long",
            "Der Grund darf höchstens 1000 Zeichen lang sein.",
        ));
    }
    let expected = crate::http::optional_expected_version(&req)?;
    let mailer = state.mailer.clone();
    let course = state
        .db
        .write(move |conn| {
            let current = find(conn, id)?;
            if !current.status.can_become(next) {
                return Err(ApiError::Conflict(
                    "status_transition",
                    format!(
                        "Ein Kurs im Status „{}“ kann nicht „{}“ werden.",
                        current.status.label_de(),
                        next.label_de()
                    ),
                ));
            }
            if next == CourseStatus::Completed {
                let today = crate::dates::today_in_berlin();
                let tandem = store::has_qualified_tandem(conn, &current)?;
                if let Some((code, message)) =
                    store::completion_refusal(&current, tandem, today, reason.as_deref())
                {
                    return Err(ApiError::Conflict(code, message));
                }
                diesel::update(courses::table.find(id))
                    .set((
                        courses::completed_on.eq(today),
                        courses::completion_reason.eq(&reason),
                    ))
                    .execute(conn)?;
            }
            touch(conn, id, expected)?;
            diesel::update(courses::table.find(id))
                .set(courses::status.eq(next.code()))
                .execute(conn)?;
            if next == CourseStatus::Cancelled {
                store::tell_course_cancelled(conn, &mailer, &current)?;
            }
            find(conn, id)
        })
        .await?;
    state.mailer.wake();
    tracing::info!(course = id, status = next.code(), "course status changed");
    json_versioned(&req, &course, course.version)
}

/// Adds a session. Without a date it is "to be fixed with the participants"; trainer-course
/// days default to 09:30–16:30.
#[utoipa::path(
    post, path = "/api/v1/courses/{id}/sessions",
    operation_id = "create_session",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = SessionInput,
    responses((status = 201, body = Course))
)]
#[tracing::instrument(skip_all)]
pub async fn add_session(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<SessionInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let id = id.into_inner();
    let input = body.into_inner();
    let expected = crate::http::optional_expected_version(&req)?;
    let course = state
        .db
        .write(move |conn| {
            let kind = find(conn, id)?.kind;
            let draft = input.parse(kind)?;
            touch(conn, id, expected)?;
            insert_session(conn, id, &draft)?;
            find(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("ETag", version_etag(course.version)))
        .json(course))
}

/// Moves or changes a session; its attendance stays with it. Participants of a coming session
/// are told by mail when its date, times or room change.
#[utoipa::path(
    put, path = "/api/v1/courses/{id}/sessions/{session_id}",
    operation_id = "update_session",
    params(("id" = i64, Path, description = "Id of the course"), ("session_id" = i64, Path, description = "Id of the session")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = SessionInput,
    responses((status = 200, body = Course))
)]
#[tracing::instrument(skip_all)]
pub async fn update_session(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(i64, i64)>,
    body: Json<SessionInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let (id, session_id) = path.into_inner();
    let input = body.into_inner();
    let expected = crate::http::optional_expected_version(&req)?;
    let mailer = state.mailer.clone();
    let course = state
        .db
        .write(move |conn| {
            let before = find(conn, id)?;
            let draft = input.parse(before.kind)?;
            touch(conn, id, expected)?;
            let changed = diesel::update(
                course_sessions::table
                    .filter(course_sessions::id.eq(session_id))
                    .filter(course_sessions::course_id.eq(id)),
            )
            .set(session_values(id, &draft))
            .execute(conn)?;
            if changed == 0 {
                return Err(ApiError::not_found("Der Termin"));
            }
            let after = find(conn, id)?;
            store::tell_session_moved(conn, &mailer, &before, &after, session_id)?;
            Ok(after)
        })
        .await?;
    state.mailer.wake();
    json_versioned(&req, &course, course.version)
}

/// Removes a session; participants of a coming session are told.
#[utoipa::path(
    delete, path = "/api/v1/courses/{id}/sessions/{session_id}",
    operation_id = "delete_session",
    params(("id" = i64, Path, description = "Id of the course"), ("session_id" = i64, Path, description = "Id of the session")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    responses((status = 200, body = Course))
)]
#[tracing::instrument(skip_all)]
pub async fn remove_session(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let (id, session_id) = path.into_inner();
    let expected = crate::http::optional_expected_version(&req)?;
    let mailer = state.mailer.clone();
    let course = state
        .db
        .write(move |conn| {
            let before = find(conn, id)?;
            touch(conn, id, expected)?;
            let removed = diesel::delete(
                course_sessions::table
                    .filter(course_sessions::id.eq(session_id))
                    .filter(course_sessions::course_id.eq(id)),
            )
            .execute(conn)?;
            if removed == 0 {
                return Err(ApiError::not_found("Der Termin"));
            }
            store::tell_session_cancelled(conn, &mailer, &before, session_id)?;
            find(conn, id)
        })
        .await?;
    state.mailer.wake();
    json_versioned(&req, &course, course.version)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicCourseFilter {
    pub kind: Option<CourseKind>,
    /// 5-digit district key.
    #[param(pattern = "^[0-9]{5}$")]
    pub district: Option<String>,
    /// AGS of the municipality.
    #[param(pattern = "^[0-9]{8}$")]
    pub municipality: Option<String>,
    /// A month (`2027-03`) in which the course has a session.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub month: Option<String>,
}

/// The first and last day of a month given as `2027-03`.
fn month_range(raw: &str) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d").ok()?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((first, next.pred_opt()?))
}

impl PublicCourseFilter {
    pub fn parse(self) -> Result<OpenCourseFilter, ApiError> {
        let mut errors = shared::FieldErrors::default();
        let district =
            query_value::<DistrictKey>(&mut errors, "district", self.district.as_deref());
        let municipality =
            query_value::<shared::Ags>(&mut errors, "municipality", self.municipality.as_deref());
        // As for the other filters, a parameter given empty is a mistake, not "any month".
        let month = match self.month.as_deref() {
            None => None,
            Some(raw) => {
                let range = month_range(raw);
                if range.is_none() {
                    errors.add(
                        "month",
                        "invalid",
                        "Monat im Format JJJJ-MM, z. B. 2027-03.",
                    );
                }
                range
            }
        };
        errors.into_result()?;
        Ok(OpenCourseFilter {
            kind: self.kind,
            district,
            municipality,
            month,
        })
    }
}

/// Courses open for registration (and full ones, which take a waitlist), with dates, venue and
/// free places, for municipal web sites. No sign-in; no personal data.
#[utoipa::path(
    get, path = "/api/v1/public/courses",
    operation_id = "list_public_courses",
    tag = "public",
    params(PublicCourseFilter, PageParams),
    responses((status = 200, body = Page<PublicCourse>), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn public_list(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<PublicCourseFilter>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let paging = page.into_inner().parse()?;
    let filter = filter.into_inner().parse()?;
    let page = state
        .db
        .run(move |conn| {
            let (total, open) = open_courses(conn, &filter, Some(paging))?;
            let items = store::public_courses(conn, open)?;
            Ok(paging.page(items, total))
        })
        .await?;
    json_with_etag(&req, &page)
}

/// One course open for registration, as the public sees it: what it is, its sessions, venue,
/// free places and whom to ask. Courses not (or no longer) open are not found.
#[utoipa::path(
    get, path = "/api/v1/public/courses/{id}",
    operation_id = "get_public_course",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "public",
    responses((status = 200, body = PublicCourse), (status = 304),
        (status = 404, description = "No open course with this id", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn public_get(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let course = state
        .db
        .run(move |conn| {
            let course = find(conn, id)?;
            if !matches!(
                course.status,
                CourseStatus::RegistrationOpen | CourseStatus::Full
            ) {
                return Err(ApiError::not_found("Der Kurs"));
            }
            Ok(store::public_courses(conn, vec![course])?.remove(0))
        })
        .await?;
    json_with_etag(&req, &course)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScheduleFilter {
    /// First day (default: today).
    pub from: Option<NaiveDate>,
    /// Last day (default: 90 days after `from`; at most a year after it).
    pub to: Option<NaiveDate>,
}

/// Dated sessions of courses that are not cancelled, in calendar order.
#[utoipa::path(
    get, path = "/api/v1/sessions",
    operation_id = "list_sessions",
    tag = "courses",
    params(ScheduleFilter),
    responses((status = 200, body = Vec<ScheduledSession>), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn schedule(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<ScheduleFilter>,
) -> Result<HttpResponse, ApiError> {
    let from = filter.from.unwrap_or_else(crate::dates::today_in_berlin);
    let to = filter.to.unwrap_or(from + chrono::Days::new(90));
    if to < from || (to - from).num_days() > 366 {
        return Err(ApiError::field(
            "to",
            "range",
            "Der Zeitraum endet nach dem Beginn und umfasst höchstens ein Jahr.",
        ));
    }
    let sessions = state
        .db
        .run(move |conn| {
            let ids: Vec<i64> = course_sessions::table
                .inner_join(courses::table)
                .filter(course_sessions::session_date.between(from, to))
                .filter(courses::status.ne(CourseStatus::Cancelled.code()))
                .select(course_sessions::course_id)
                .distinct()
                .load(conn)?;
            let mut sessions: Vec<ScheduledSession> = load(conn, &ids)?
                .into_iter()
                .flat_map(|c| {
                    c.sessions
                        .iter()
                        .filter(|s| s.date.is_some_and(|d| (from..=to).contains(&d)))
                        .map(|s| ScheduledSession {
                            course_id: c.id,
                            course_title: c.title.clone(),
                            course_kind: c.kind,
                            course_status: c.status,
                            venue: c.venue.clone(),
                            municipality: c.municipality.clone(),
                            session: s.clone(),
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            sessions.sort_by_key(|s| (s.session.date, s.session.start, s.course_id, s.session.id));
            Ok(sessions)
        })
        .await?;
    json_with_etag(&req, &sessions)
}

routes! {
    "/courses" => [get(list), post(create)],
    "/courses/{id}" => [get(get_one), put(update)],
    "/courses/{id}/status" => [put(set_status)],
    "/sessions" => [get(schedule)],
    "/courses/{id}/sessions" => [post(add_session)],
    "/courses/{id}/sessions/{session_id}" => [put(update_session), delete(remove_session)];
    public: "/courses" => [get(public_list)],
    "/courses/{id}" => [get(public_get)],
}
