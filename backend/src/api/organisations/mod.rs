//! `/api/v1/organisations`: partner organisations. Public reads; staff create, change, delete.

pub mod store;

use crate::auth::Staff;
use crate::error::ApiError;
use crate::http::{
    expected_version, json_versioned, json_with_etag, optional_expected_version, present,
    query_value, PageParams,
};
use crate::http::{Json, Query};
use crate::schema::organisations;
use crate::state::AppState;
use crate::text::SearchTerm;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::organisations::{Organisation, OrganisationInput, OrganisationKind, ProgrammeRole};
use shared::{Ags, DistrictKey, Page, Problem};
use store::{filtered, find, load, save, Filter};

#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationSort {
    #[default]
    #[serde(rename = "name")]
    NameAsc,
    #[serde(rename = "-name")]
    NameDesc,
    #[serde(rename = "updated_at")]
    UpdatedAsc,
    #[serde(rename = "-updated_at")]
    UpdatedDesc,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationFilter {
    pub kind: Option<OrganisationKind>,
    /// 5-digit district key.
    #[param(pattern = "^[0-9]{5}$")]
    pub district: Option<String>,
    /// 8-digit AGS of the municipality.
    #[param(pattern = "^[0-9]{8}$")]
    pub municipality: Option<String>,
    /// Id of a field of activity.
    pub field: Option<i64>,
    pub role: Option<ProgrammeRole>,
    /// Text in name, city or contact name (case-insensitive).
    pub q: Option<String>,
    /// `name` (default), `-name`, `updated_at`, `-updated_at`.
    #[param(inline)]
    pub sort: Option<OrganisationSort>,
}

impl OrganisationFilter {
    fn parse(self) -> Result<Filter, ApiError> {
        let mut errors = shared::FieldErrors::default();
        let district =
            query_value::<DistrictKey>(&mut errors, "district", self.district.as_deref());
        let municipality =
            query_value::<Ags>(&mut errors, "municipality", self.municipality.as_deref());
        errors.into_result()?;
        Ok(Filter {
            kind: self.kind,
            district,
            municipality,
            field: self.field,
            role: self.role,
            q: present(self.q.as_deref()).map(SearchTerm::new),
            sort: self.sort.unwrap_or_default(),
        })
    }
}

/// Partner organisations, filtered, sorted and paged.
#[utoipa::path(
    get, path = "/api/v1/organisations",
    operation_id = "list_organisations",
    tag = "organisations",
    params(OrganisationFilter, PageParams),
    responses((status = 200, body = Page<Organisation>), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<OrganisationFilter>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let paging = page.into_inner().parse()?;
    let filter = filter.into_inner().parse()?;
    let page = state
        .db
        .run(move |conn| {
            let sqlite = crate::db::is_sqlite(conn);
            let total = filtered(&filter, sqlite).count().get_result::<i64>(conn)?;
            let q = filtered(&filter, sqlite).select(organisations::id);
            let q = match filter.sort {
                OrganisationSort::NameAsc => {
                    q.order((organisations::sort_name.asc(), organisations::id.asc()))
                }
                OrganisationSort::NameDesc => {
                    q.order((organisations::sort_name.desc(), organisations::id.desc()))
                }
                OrganisationSort::UpdatedAsc => {
                    q.order((organisations::updated_at.asc(), organisations::id.asc()))
                }
                OrganisationSort::UpdatedDesc => {
                    q.order((organisations::updated_at.desc(), organisations::id.desc()))
                }
            };
            let ids: Vec<i64> = paging.window(q).load(conn)?;
            Ok(paging.page(load(conn, &ids)?, total))
        })
        .await?;
    json_with_etag(&req, &page)
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}",
    operation_id = "get_organisation", params(("id" = i64, Path, description = "Id of the record")), tag = "organisations", responses((status = 200, body = Organisation), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let org = state.db.run(move |conn| find(conn, id)).await?;
    json_versioned(&req, &org, org.version)
}

/// Creates an organisation.
#[utoipa::path(
    post, path = "/api/v1/organisations",
    operation_id = "create_organisation",
    tag = "organisations",
    security(("bearer" = ["staff"])),
    request_body = OrganisationInput,
    responses(
        (status = 201, body = Organisation))
)]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    _staff: Staff,
    body: Json<OrganisationInput>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.parse()?;
    let (org, location) = state
        .db
        .create(move |conn| {
            let id = save(conn, None, &draft, 1)?;
            Ok((find(conn, id)?, format!("/api/v1/organisations/{id}")))
        })
        .await?;
    tracing::info!(organisation = org.id, "organisation created");
    Ok(crate::http::created(location, Some(org.version), &org))
}

/// Replaces an organisation's data. Needs `If-Match` with the current ETag.
#[utoipa::path(
    put, path = "/api/v1/organisations/{id}",
    operation_id = "update_organisation",
    params(("id" = i64, Path, description = "Id of the record"), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    tag = "organisations",
    security(("bearer" = ["staff"])),
    request_body = OrganisationInput,
    responses(
        (status = 200, body = Organisation),
        (status = 412, description = "Changed in the meantime", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<OrganisationInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let draft = body.parse()?;
    let expected = expected_version(&req)?;
    let org = state
        .db
        .write(move |conn| {
            let current = find(conn, id)?;
            crate::http::check_version(expected, current.version)?;
            save(conn, Some(id), &draft, current.version + 1)?;
            find(conn, id)
        })
        .await?;
    tracing::info!(organisation = org.id, "organisation updated");
    json_versioned(&req, &org, org.version)
}

/// Deletes an organisation. With `If-Match`, only if it was not changed in the meantime.
#[utoipa::path(
    delete, path = "/api/v1/organisations/{id}",
    operation_id = "delete_organisation",
    params(("id" = i64, Path, description = "Id of the record")),
    tag = "organisations",
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
            let version: i64 = organisations::table
                .find(id)
                .select(organisations::version)
                .first(conn)
                .optional()?
                .ok_or_else(|| ApiError::not_found("Die Organisation"))?;
            crate::http::check_version(expected, version)?;
            diesel::delete(organisations::table.find(id)).execute(conn)?;
            Ok(())
        })
        .await?;
    tracing::info!(organisation = id, "organisation deleted");
    Ok(HttpResponse::NoContent().finish())
}

routes! {
    "/organisations" => [get(list), post(create)],
    "/organisations/{id}" => [get(get_one), put(update), delete(remove)],
}
