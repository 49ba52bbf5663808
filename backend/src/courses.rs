//! `/api/v1/courses`: local mentor courses and trainer courses with their sessions. Reads of
//! courses are public (municipal sites list them); changes need a staff account.

use crate::auth::Caller;
use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::http::{
    expected_version, json_versioned, json_with_etag, query_value, version_etag, PageParams,
};
use crate::http::{Json, Query};
use crate::schema::{
    course_sessions, course_topics, course_trainers, courses, municipalities, organisations,
    trainers,
};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use serde::Deserialize;
use shared::clients::ClientScope;
use shared::courses::{
    session_hours, Course, CourseDraft, CourseInput, CourseKind, CourseStatus, PublicCourse,
    ScheduledSession, Session, SessionInput, StatusInput, Venue,
};
use shared::{DistrictKey, Page, Problem};

#[derive(Queryable, Selectable)]
#[diesel(table_name = courses)]
struct CourseRow {
    id: i64,
    kind: String,
    title: String,
    description: Option<String>,
    status: String,
    venue_name: Option<String>,
    venue_address: Option<String>,
    venue_organisation_id: Option<i64>,
    municipality_ags: Option<String>,
    provider_organisation_id: Option<i64>,
    commissioning_organisation_id: Option<i64>,
    funder_organisation_id: Option<i64>,
    required_hours: f64,
    capacity: i64,
    registration_deadline: Option<NaiveDate>,
    version: i64,
}

type SessionRow = (
    i64,
    i64,
    Option<NaiveDate>,
    Option<NaiveTime>,
    Option<NaiveTime>,
    Option<String>,
    Option<String>,
);

fn load(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Course>, ApiError> {
    let rows: Vec<CourseRow> = courses::table
        .filter(courses::id.eq_any(ids))
        .select(CourseRow::as_select())
        .load(conn)?;
    let trainer_links: Vec<(i64, i64)> = course_trainers::table
        .filter(course_trainers::course_id.eq_any(ids))
        .select((course_trainers::course_id, course_trainers::person_id))
        .order(course_trainers::person_id)
        .load(conn)?;
    let topics: Vec<(i64, String)> = course_topics::table
        .filter(course_topics::course_id.eq_any(ids))
        .select((course_topics::course_id, course_topics::topic))
        .order((course_topics::course_id, course_topics::position))
        .load(conn)?;
    let sessions: Vec<SessionRow> = course_sessions::table
        .filter(course_sessions::course_id.eq_any(ids))
        .select((
            course_sessions::id,
            course_sessions::course_id,
            course_sessions::session_date,
            course_sessions::start_time,
            course_sessions::end_time,
            course_sessions::topic,
            course_sessions::room,
        ))
        .load(conn)?;
    let keys: Vec<String> = rows
        .iter()
        .filter_map(|r| r.municipality_ags.clone())
        .collect();
    let refs = crate::people::store::municipality_refs(conn, &keys)?;
    let mut by_id: std::collections::HashMap<i64, Course> = rows
        .into_iter()
        .map(|r| {
            let mut own: Vec<Session> = sessions
                .iter()
                .filter(|s| s.1 == r.id)
                .map(|s| Session {
                    id: s.0,
                    date: s.2,
                    start: s.3,
                    end: s.4,
                    hours: session_hours(s.3, s.4),
                    topic: s.5.clone(),
                    room: s.6.clone(),
                })
                .collect();
            // Dated sessions in calendar order; those still to be fixed come last.
            own.sort_by_key(|s| (s.date.is_none(), s.date, s.start, s.id));
            let course = Course {
                id: r.id,
                kind: CourseKind::from_code(&r.kind).unwrap_or(CourseKind::MentorCourse),
                title: r.title,
                description: r.description,
                status: CourseStatus::from_code(&r.status).unwrap_or(CourseStatus::Planned),
                venue: Venue {
                    name: r.venue_name,
                    address: r.venue_address,
                    organisation: r.venue_organisation_id,
                },
                municipality: r.municipality_ags.and_then(|a| refs.get(&a).cloned()),
                provider: r.provider_organisation_id,
                commissioning_body: r.commissioning_organisation_id,
                funder: r.funder_organisation_id,
                trainers: trainer_links
                    .iter()
                    .filter(|(c, _)| *c == r.id)
                    .map(|(_, p)| *p)
                    .collect(),
                topics: topics
                    .iter()
                    .filter(|(c, _)| *c == r.id)
                    .map(|(_, t)| t.clone())
                    .collect(),
                required_hours: r.required_hours,
                capacity: r.capacity,
                registration_deadline: r.registration_deadline,
                planned_hours: own.iter().map(|s| s.hours).sum(),
                sessions: own,
                version: r.version,
            };
            (r.id, course)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Participants and attendance of a course are for staff, for the course's own trainers and for
/// API clients with `needed`; to other trainers the course does not exist, others are refused.
pub fn check_participant_access(
    conn: &mut DbConnection,
    caller: &Caller,
    course: i64,
    needed: ClientScope,
) -> Result<(), ApiError> {
    use crate::auth::Scope;
    match (&caller.scope, caller.trainer_person()) {
        (Scope::Everything, _) => Ok(()),
        (Scope::Client { .. }, _) => caller.require(needed),
        (_, Some(person)) => {
            let leads = course_trainers::table
                .filter(course_trainers::course_id.eq(course))
                .filter(course_trainers::person_id.eq(person))
                .count()
                .get_result::<i64>(conn)?;
            if leads > 0 {
                Ok(())
            } else {
                Err(ApiError::not_found("Der Kurs"))
            }
        }
        (Scope::OwnPerson(_), None) => Err(ApiError::not_found("Der Kurs")),
        (Scope::Areas(_), None) => Err(ApiError::Forbidden(
            "Teilnehmende und Anwesenheit sehen der Bildungsträger und die Trainer des Kurses."
                .into(),
        )),
    }
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<Course, ApiError> {
    load(conn, &[id])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Der Kurs"))
}

fn check_references(conn: &mut DbConnection, draft: &CourseDraft) -> Result<(), ApiError> {
    let mut e = shared::FieldErrors::default();
    if let Some(ags) = &draft.municipality {
        if municipalities::table
            .find(ags.as_str())
            .select(municipalities::ags)
            .first::<String>(conn)
            .optional()?
            .is_none()
        {
            e.add(
                "municipality",
                "unknown",
                format!("Die Gemeinde {ags} ist nicht bekannt."),
            );
        }
    }
    let org_fields = [
        ("venue.organisation", draft.venue_organisation),
        ("provider", draft.provider),
        ("commissioning_body", draft.commissioning_body),
        ("funder", draft.funder),
    ];
    for (field, id) in org_fields {
        if let Some(id) = id {
            if organisations::table
                .find(id)
                .select(organisations::id)
                .first::<i64>(conn)
                .optional()?
                .is_none()
            {
                e.add(field, "unknown", "Diese Organisation gibt es nicht.");
            }
        }
    }
    // Only qualified trainers lead a local mentor course.
    let qualified: Vec<(i64, Option<NaiveDate>)> = trainers::table
        .filter(trainers::person_id.eq_any(&draft.trainers))
        .select((trainers::person_id, trainers::qualified_since))
        .load(conn)?;
    let unqualified: Vec<i64> = draft
        .trainers
        .iter()
        .copied()
        .filter(|id| {
            !qualified.iter().any(|(p, since)| {
                p == id && (since.is_some() || draft.kind == CourseKind::TrainerCourse)
            })
        })
        .collect();
    if !unqualified.is_empty() {
        e.add("trainers", "unqualified", format!("Einen Mentorenkurs leiten nur qualifizierte Trainer; nicht qualifiziert: {unqualified:?}"));
    }
    Ok(e.into_result()?)
}

pub(crate) fn store(
    conn: &mut DbConnection,
    id: Option<i64>,
    draft: &CourseDraft,
    version: i64,
) -> Result<i64, ApiError> {
    check_references(conn, draft)?;
    let at: NaiveDateTime = now();
    let values = (
        courses::kind.eq(draft.kind.code()),
        courses::title.eq(&draft.title),
        courses::description.eq(&draft.description),
        courses::venue_name.eq(&draft.venue_name),
        courses::venue_address.eq(&draft.venue_address),
        courses::venue_organisation_id.eq(draft.venue_organisation),
        courses::municipality_ags.eq(draft.municipality.as_ref().map(|a| a.as_str())),
        courses::provider_organisation_id.eq(draft.provider),
        courses::commissioning_organisation_id.eq(draft.commissioning_body),
        courses::funder_organisation_id.eq(draft.funder),
        courses::required_hours.eq(draft.required_hours),
        courses::capacity.eq(draft.capacity),
        courses::registration_deadline.eq(draft.registration_deadline),
        courses::version.eq(version),
        courses::updated_at.eq(at),
    );
    let id = match id {
        Some(id) => {
            diesel::update(courses::table.find(id))
                .set(values)
                .execute(conn)?;
            diesel::delete(course_trainers::table.filter(course_trainers::course_id.eq(id)))
                .execute(conn)?;
            diesel::delete(course_topics::table.filter(course_topics::course_id.eq(id)))
                .execute(conn)?;
            id
        }
        None => diesel::insert_into(courses::table)
            .values((
                values,
                courses::status.eq(CourseStatus::Planned.code()),
                courses::created_at.eq(at),
            ))
            .returning(courses::id)
            .get_result(conn)?,
    };
    for person in &draft.trainers {
        diesel::insert_into(course_trainers::table)
            .values((
                course_trainers::course_id.eq(id),
                course_trainers::person_id.eq(person),
            ))
            .execute(conn)?;
    }
    for (position, topic) in draft.topics.iter().enumerate() {
        diesel::insert_into(course_topics::table)
            .values((
                course_topics::course_id.eq(id),
                course_topics::position.eq(position as i64),
                course_topics::topic.eq(topic),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// Marks the course as changed (sessions are part of it) and checks the caller saw the current version.
fn touch(conn: &mut DbConnection, id: i64, expected: Option<i64>) -> Result<(), ApiError> {
    let current = find(conn, id)?;
    if expected.is_some_and(|e| e != current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    diesel::update(courses::table.find(id))
        .set((
            courses::version.eq(current.version + 1),
            courses::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

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
                    q = q.filter(courses::municipality_ags.like(format!("{d}%")));
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
            let ids: Vec<i64> = query()
                .select(courses::id)
                .order(courses::id.desc())
                .limit(paging.limit)
                .offset(paging.offset)
                .load(conn)?;
            Ok(Page {
                items: load(conn, &ids)?,
                total,
                limit: paging.limit,
                offset: paging.offset,
            })
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
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CourseInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let draft = body.parse()?;
    let course = state
        .db
        .write(move |conn| {
            let id = store(conn, None, &draft, 1)?;
            find(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/courses/{}", course.id)))
        .insert_header(("ETag", version_etag(course.version)))
        .json(course))
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
            if current.version != expected {
                return Err(ApiError::PreconditionFailed);
            }
            if current.kind != draft.kind {
                return Err(ApiError::field(
                    "kind",
                    "fixed",
                    "Die Kursart lässt sich nach dem Anlegen nicht mehr ändern.",
                ));
            }
            store(conn, Some(id), &draft, current.version + 1)?;
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
        (status = 409, description = "Not a possible step from the current status", body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"))
)]
pub async fn set_status(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<StatusInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let id = id.into_inner();
    let next = body.status;
    let expected = crate::http::optional_expected_version(&req)?;
    let course = state
        .db
        .write(move |conn| {
            let current = find(conn, id)?;
            if !current.status.can_become(next) {
                return Err(ApiError::Conflict(format!(
                    "Ein Kurs im Status „{}“ kann nicht „{}“ werden.",
                    current.status.label_de(),
                    next.label_de()
                )));
            }
            touch(conn, id, expected)?;
            diesel::update(courses::table.find(id))
                .set(courses::status.eq(next.code()))
                .execute(conn)?;
            find(conn, id)
        })
        .await?;
    tracing::info!(course = id, status = next.code(), "course status changed");
    json_versioned(&req, &course, course.version)
}

pub(crate) fn insert_session(
    conn: &mut DbConnection,
    course_id: i64,
    draft: &shared::courses::SessionDraft,
) -> Result<(), ApiError> {
    diesel::insert_into(course_sessions::table)
        .values(session_values(course_id, draft))
        .execute(conn)?;
    Ok(())
}

/// The stored columns of a session (the course id is written again on update, unchanged).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = course_sessions, treat_none_as_null = true)]
struct SessionValues<'a> {
    course_id: i64,
    session_date: Option<NaiveDate>,
    start_time: Option<NaiveTime>,
    end_time: Option<NaiveTime>,
    topic: Option<&'a str>,
    room: Option<&'a str>,
}

fn session_values(course_id: i64, s: &shared::courses::SessionDraft) -> SessionValues<'_> {
    SessionValues {
        course_id,
        session_date: s.date,
        start_time: s.start,
        end_time: s.end,
        topic: s.topic.as_deref(),
        room: s.room.as_deref(),
    }
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

/// Moves or changes a session; its attendance stays with it.
#[utoipa::path(
    put, path = "/api/v1/courses/{id}/sessions/{session_id}",
    operation_id = "update_session",
    params(("id" = i64, Path, description = "Id of the course"), ("session_id" = i64, Path, description = "Id of the session")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    request_body = SessionInput,
    responses((status = 200, body = Course))
)]
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
    let course = state
        .db
        .write(move |conn| {
            let kind = find(conn, id)?.kind;
            let draft = input.parse(kind)?;
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
            find(conn, id)
        })
        .await?;
    json_versioned(&req, &course, course.version)
}

/// Removes a session.
#[utoipa::path(
    delete, path = "/api/v1/courses/{id}/sessions/{session_id}",
    operation_id = "delete_session",
    params(("id" = i64, Path, description = "Id of the course"), ("session_id" = i64, Path, description = "Id of the session")),
    tag = "courses",
    security(("bearer" = []), ("oauth2" = ["courses:write"])),
    responses((status = 200, body = Course))
)]
pub async fn remove_session(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    caller.require(ClientScope::CoursesWrite)?;
    let (id, session_id) = path.into_inner();
    let expected = crate::http::optional_expected_version(&req)?;
    let course = state
        .db
        .write(move |conn| {
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
            find(conn, id)
        })
        .await?;
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
}

/// A checked [`PublicCourseFilter`].
pub struct OpenCourseFilter {
    kind: Option<CourseKind>,
    district: Option<DistrictKey>,
    municipality: Option<shared::Ags>,
}

impl PublicCourseFilter {
    pub fn parse(self) -> Result<OpenCourseFilter, ApiError> {
        let mut errors = shared::FieldErrors::default();
        let district =
            query_value::<DistrictKey>(&mut errors, "district", self.district.as_deref());
        let municipality =
            query_value::<shared::Ags>(&mut errors, "municipality", self.municipality.as_deref());
        errors.into_result()?;
        Ok(OpenCourseFilter {
            kind: self.kind,
            district,
            municipality,
        })
    }
}

/// Courses open for registration (and full ones, which take a waitlist), oldest first, with
/// their total; one page of them, or all without `paging`.
pub fn open_courses(
    conn: &mut DbConnection,
    filter: &OpenCourseFilter,
    paging: Option<crate::http::Paging>,
) -> Result<(i64, Vec<Course>), ApiError> {
    let query = || {
        let mut q = courses::table
            .filter(courses::status.eq_any([
                CourseStatus::RegistrationOpen.code(),
                CourseStatus::Full.code(),
            ]))
            .into_boxed();
        if let Some(kind) = filter.kind {
            q = q.filter(courses::kind.eq(kind.code()));
        }
        if let Some(d) = &filter.district {
            q = q.filter(courses::municipality_ags.like(format!("{d}%")));
        }
        if let Some(m) = &filter.municipality {
            q = q.filter(courses::municipality_ags.eq(m.as_str()));
        }
        q
    };
    let total = query().count().get_result::<i64>(conn)?;
    let mut ids = query().select(courses::id).order(courses::id);
    if let Some(p) = paging {
        ids = ids.limit(p.limit).offset(p.offset);
    }
    let ids: Vec<i64> = ids.load(conn)?;
    Ok((total, load(conn, &ids)?))
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
            let ids: Vec<i64> = open.iter().map(|c| c.id).collect();
            let taken: Vec<(i64, i64)> = crate::schema::enrolments::table
                .filter(crate::schema::enrolments::course_id.eq_any(&ids))
                .filter(crate::schema::enrolments::status.eq_any([
                    "registered",
                    "confirmed",
                    "completed",
                ]))
                .group_by(crate::schema::enrolments::course_id)
                .select((
                    crate::schema::enrolments::course_id,
                    diesel::dsl::count_star(),
                ))
                .load(conn)?;
            let items = open
                .into_iter()
                .map(|c| PublicCourse {
                    free_places: (c.capacity
                        - taken
                            .iter()
                            .find(|(id, _)| *id == c.id)
                            .map_or(0, |(_, n)| *n))
                    .max(0),
                    id: c.id,
                    kind: c.kind,
                    title: c.title,
                    description: c.description,
                    status: c.status,
                    venue: c.venue,
                    municipality: c.municipality,
                    topics: c.topics,
                    sessions: c.sessions,
                    registration_deadline: c.registration_deadline,
                    capacity: c.capacity,
                })
                .collect();
            Ok(Page {
                items,
                total,
                limit: paging.limit,
                offset: paging.offset,
            })
        })
        .await?;
    json_with_etag(&req, &page)
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
pub async fn schedule(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<ScheduleFilter>,
) -> Result<HttpResponse, ApiError> {
    let from = filter.from.unwrap_or_else(crate::calendar::today_in_berlin);
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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/courses").get(list).post(create))
        .service(web::resource("/courses/{id}").get(get_one).put(update))
        .service(web::resource("/courses/{id}/status").put(set_status))
        .service(web::resource("/sessions").get(schedule))
        .service(web::resource("/courses/{id}/calendar.ics").get(crate::calendar::course))
        .service(web::resource("/courses/{id}/sessions").post(add_session))
        .service(
            web::resource("/courses/{id}/sessions/{session_id}")
                .put(update_session)
                .delete(remove_session),
        );
}
