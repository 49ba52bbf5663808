//! `/api/v1/people`: people with their mentor and trainer profiles (staff only: personal data),
//! the publication consent, duplicates and merging. The public listing lives in [`public`].

pub mod seed;
pub mod store;

use crate::auth::{Caller, Scope, Staff};
use crate::error::ApiError;
use crate::http::{
    expected_version, json_versioned, json_with_etag, optional_expected_version, present,
    query_value, version_etag, PageParams,
};
use crate::http::{Json, Query};
use crate::schema::people;
use crate::state::AppState;
use crate::text::SearchTerm;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::clients::ClientScope;
use shared::people::{
    ConsentInput, LanguageCode, MentorStatus, MergeRequest, OwnProfileInput, Person, PersonInput,
    TrainerKind, CURRENT_CONSENT_TEXT_VERSION,
};
use shared::{Ags, DistrictKey, Page, Problem};
use store::{filtered, Filter};

#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
pub enum PersonSort {
    #[default]
    #[serde(rename = "name")]
    NameAsc,
    #[serde(rename = "-name")]
    NameDesc,
    #[serde(rename = "-updated_at")]
    UpdatedDesc,
}

#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    Mentor,
    Trainer,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PersonFilter {
    /// Only mentors or only trainers.
    #[param(inline)]
    pub role: Option<PersonRole>,
    /// Mentor status.
    pub status: Option<MentorStatus>,
    /// Id of a field of activity of the mentor.
    pub field: Option<i64>,
    /// 5-digit district key: residence or municipality of activity in the district.
    #[param(pattern = "^[0-9]{5}$")]
    pub district: Option<String>,
    /// AGS: residence or municipality of activity.
    #[param(pattern = "^[0-9]{8}$")]
    pub municipality: Option<String>,
    /// ISO 639-1 language code.
    #[param(pattern = "^[A-Za-z]{2}$")]
    pub language: Option<String>,
    pub trainer_kind: Option<TrainerKind>,
    /// Text in name, e-mail or town; case and umlauts do not matter.
    pub q: Option<String>,
    /// `name` (default), `-name`, `-updated_at`.
    #[param(inline)]
    pub sort: Option<PersonSort>,
}

impl PersonFilter {
    fn parse(self) -> Result<Filter, ApiError> {
        let mut errors = shared::FieldErrors::default();
        let district =
            query_value::<DistrictKey>(&mut errors, "district", self.district.as_deref());
        let municipality =
            query_value::<Ags>(&mut errors, "municipality", self.municipality.as_deref());
        let language =
            query_value::<LanguageCode>(&mut errors, "language", self.language.as_deref())
                .map(String::from);
        errors.into_result()?;
        Ok(Filter {
            role: self.role,
            status: self.status,
            field: self.field,
            district,
            municipality,
            language,
            trainer_kind: self.trainer_kind,
            q: present(self.q.as_deref()).map(SearchTerm::new),
            sort: self.sort.unwrap_or_default(),
            only: None,
        })
    }
}

/// People with their profiles, filtered, sorted and paged.
#[utoipa::path(
    get, path = "/api/v1/people",
    operation_id = "list_people",
    tag = "people",
    security(("bearer" = []), ("oauth2" = ["mentors:read"])),
    params(PersonFilter, PageParams),
    responses(
        (status = 200, body = Page<Person>),
        (status = 304),
        (status = 403, description = "Trainers and mentors do not list people", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    filter: Query<PersonFilter>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let paging = page.into_inner().parse()?;
    let mut filter = filter.into_inner().parse()?;
    let page = state
        .db
        .run(move |conn| {
            filter.only = match &caller.scope {
                Scope::Everything => None,
                Scope::Areas(areas) => Some(store::mentors_in_areas(conn, areas)?),
                // Integrations with `mentors:read` see mentors, no one else.
                Scope::Client { .. } => {
                    caller.require(ClientScope::MentorsRead)?;
                    filter.role = Some(PersonRole::Mentor);
                    None
                }
                Scope::OwnPerson(_) => return Err(ApiError::Forbidden("Die Personenliste ist den Mitarbeitenden und den Koordinatorinnen vorbehalten.".into())),
            };
            let sqlite = crate::db::is_sqlite(conn);
            let total = filtered(&filter, sqlite).count().get_result::<i64>(conn)?;
            let q = filtered(&filter, sqlite).select(people::id);
            let q = match filter.sort {
                PersonSort::NameAsc => q.order((people::sort_name.asc(), people::id.asc())),
                PersonSort::NameDesc => q.order((people::sort_name.desc(), people::id.desc())),
                PersonSort::UpdatedDesc => q.order((people::updated_at.desc(), people::id.desc())),
            };
            let ids: Vec<i64> = paging.window(q).load(conn)?;
            Ok(paging.page(store::load(conn, &ids)?, total))
        })
        .await?;
    json_with_etag(&req, &page)
}

/// One person with profiles, status history and consent history.
#[utoipa::path(
    get, path = "/api/v1/people/{id}",
    operation_id = "get_person",
    params(("id" = i64, Path, description = "Id of the person")),
    tag = "people",
    security(("bearer" = []), ("oauth2" = ["mentors:read"])),
    responses((status = 200, body = Person), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let person = state
        .db
        .run(move |conn| {
            store::check_visible(conn, &caller, id)?;
            store::find(conn, id)
        })
        .await?;
    json_versioned(&req, &person, person.version)
}

/// Creates a person. A possible duplicate (same e-mail, or same name in the same municipality)
/// answers 409 with the candidates; send again with `allow_duplicate: true` to create anyway.
#[utoipa::path(
    post, path = "/api/v1/people",
    operation_id = "create_person",
    tag = "people",
    security(("bearer" = ["staff"])),
    request_body = PersonInput,
    responses(
        (status = 201, body = Person),
        (status = 409, description = "Possible duplicates (listed in `duplicates`)", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    _staff: Staff,
    body: Json<PersonInput>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.parse()?;
    let allow_duplicate = body.allow_duplicate;
    let (person, location) = state
        .db
        .create(move |conn| {
            if !allow_duplicate {
                let duplicates = store::possible_duplicates(conn, &draft, None)?;
                if !duplicates.is_empty() {
                    return Err(ApiError::PossibleDuplicates(duplicates));
                }
            }
            let id = store::store(conn, None, &draft, 1)?;
            Ok((store::find(conn, id)?, format!("/api/v1/people/{id}")))
        })
        .await?;
    tracing::info!(person = person.id, "person created");
    Ok(crate::http::created(
        location,
        Some(person.version),
        &person,
    ))
}

/// Replaces a person's data and profiles (not the consent). Needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/people/{id}",
    operation_id = "update_person",
    params(("id" = i64, Path, description = "Id of the person"), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    tag = "people",
    security(("bearer" = ["staff"])),
    request_body = PersonInput,
    responses(
        (status = 200, body = Person),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 428, body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<PersonInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let draft = body.parse()?;
    let expected = expected_version(&req)?;
    let person = state
        .db
        .write(move |conn| {
            let current = store::find(conn, id)?;
            crate::http::check_version(expected, current.version)?;
            store::store(conn, Some(id), &draft, current.version + 1)?;
            store::find(conn, id)
        })
        .await?;
    tracing::info!(person = id, "person updated");
    json_versioned(&req, &person, person.version)
}

/// Erases a person (right to erasure): the record with all profiles and histories, enrolments
/// and attendance, and their sign-in accounts; the audit log keeps only ids. A listed mentor
/// appears as a tombstone in the public sync. Refused (409, with the reason) while an issued
/// certificate has to be kept in the register.
#[utoipa::path(
    delete, path = "/api/v1/people/{id}",
    operation_id = "delete_person",
    params(("id" = i64, Path, description = "Id of the person")),
    tag = "people",
    security(("bearer" = ["staff"])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 412, body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expected = optional_expected_version(&req)?;
    state
        .db
        .write(move |conn| {
            let current = store::find(conn, id)?;
            crate::http::check_version(expected, current.version)?;
            store::erase(conn, id)
        })
        .await?;
    tracing::info!(person = id, "person erased");
    Ok(HttpResponse::NoContent().finish())
}

/// Records the mentor's publication consent (or its withdrawal). Takes effect at once in the
/// public listing, its CSV and the sync feed.
#[utoipa::path(
    put, path = "/api/v1/people/{id}/consent",
    operation_id = "set_consent",
    params(("id" = i64, Path, description = "Id of the mentor")),
    tag = "people",
    security(("bearer" = ["staff", "trainer", "mentor"])),
    request_body = ConsentInput,
    responses(
        (status = 200, body = Person),
        (status = 409, description = "Not a mentor", body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn set_consent(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<ConsentInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expected = optional_expected_version(&req)?;
    let ConsentInput {
        level,
        text_version,
    } = body.into_inner();
    let text_version = match text_version.as_deref().map(str::trim) {
        None | Some("") => CURRENT_CONSENT_TEXT_VERSION.to_owned(),
        Some(v) if v.chars().count() <= 40 => v.to_owned(),
        Some(_) => {
            return Err(ApiError::field(
                "text_version",
                "too_long",
                "Höchstens 40 Zeichen.",
            ))
        }
    };
    caller.require_self_or_staff(id)?;
    let by = caller.account.ok_or(ApiError::Unauthenticated)?;
    let person = state
        .db
        .write(move |conn| {
            let current = store::find(conn, id)?;
            crate::http::check_version(expected, current.version)?;
            store::set_consent(conn, id, level, &text_version, by)?;
            store::find(conn, id)
        })
        .await?;
    tracing::info!(person = id, consent = level.code(), "consent recorded");
    json_versioned(&req, &person, person.version)
}

/// Merges a duplicate record into this one without losing any link; the duplicate is deleted.
#[utoipa::path(
    post, path = "/api/v1/people/{id}/merge",
    operation_id = "merge_people",
    params(("id" = i64, Path, description = "Id of the record that is kept")),
    tag = "people",
    security(("bearer" = ["staff"])),
    request_body = MergeRequest,
    responses(
        (status = 200, body = Person))
)]
#[tracing::instrument(skip_all)]
pub async fn merge(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
    body: Json<MergeRequest>,
) -> Result<HttpResponse, ApiError> {
    let keep = id.into_inner();
    let duplicate = body.duplicate_id;
    let person = state
        .db
        .write(move |conn| {
            store::merge(conn, keep, duplicate)?;
            store::find(conn, keep)
        })
        .await?;
    tracing::info!(person = keep, merged = duplicate, "people merged");
    Ok(HttpResponse::Ok()
        .insert_header(("ETag", version_etag(person.version)))
        .json(person))
}

/// Changes what a person maintains themselves (contact details, languages, mentor profile
/// texts); for the person themselves and for staff. Names, status, fields and areas stay as
/// they are.
#[utoipa::path(
    put, path = "/api/v1/people/{id}/profile",
    operation_id = "update_own_profile",
    params(("id" = i64, Path, description = "Id of the person")),
    tag = "people",
    security(("bearer" = ["staff", "trainer", "mentor"])),
    request_body = OwnProfileInput,
    responses(
        (status = 200, body = Person),
        (status = 412, body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update_own_profile(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<OwnProfileInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    caller.require_self_or_staff(id)?;
    let own = body.into_inner();
    let expected = optional_expected_version(&req)?;
    let person = state
        .db
        .write(move |conn| {
            let current = store::find(conn, id)?;
            crate::http::check_version(expected, current.version)?;
            let draft = PersonInput::from_person(&current)
                .with_own_profile(own)
                .parse()?;
            store::store(conn, Some(id), &draft, current.version + 1)?;
            store::find(conn, id)
        })
        .await?;
    json_versioned(&req, &person, person.version)
}

routes! {
    "/people" => [get(list), post(create)],
    "/people/{id}" => [get(get_one), put(update), delete(remove)],
    "/people/{id}/consent" => [put(set_consent)],
    "/people/{id}/profile" => [put(update_own_profile)],
    "/people/{id}/merge" => [post(merge)],
}
