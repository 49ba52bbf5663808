//! `/api/v1/organisations`: partner organisations. Public reads; staff create, change, delete.

use crate::auth::Staff;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::fields;
use crate::http::{
    expected_version, json_versioned, json_with_etag, optional_expected_version, present,
    query_value, version_etag, PageParams,
};
use crate::http::{Json, Query};
use crate::schema::{municipalities, organisation_fields, organisation_roles, organisations};
use crate::state::AppState;
use crate::text::{contains_pattern, search_key, sort_key};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use shared::organisations::{
    Address, Contact, MunicipalityRef, Organisation, OrganisationDraft, OrganisationInput,
    OrganisationKind, ProgrammeRole,
};
use shared::{Ags, DistrictKey, Page, Problem};

#[derive(Queryable, Selectable)]
#[diesel(table_name = organisations)]
struct OrganisationRow {
    id: i64,
    kind: String,
    name: String,
    street: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    municipality_ags: Option<String>,
    contact_name: Option<String>,
    contact_email: Option<String>,
    contact_phone: Option<String>,
    website: Option<String>,
    version: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Loads organisations with their municipality, fields and roles, in the order of `ids`.
fn load(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Organisation>, ApiError> {
    let rows: Vec<(OrganisationRow, Option<(String, String)>)> = organisations::table
        .left_join(municipalities::table)
        .filter(organisations::id.eq_any(ids))
        .select((
            OrganisationRow::as_select(),
            (municipalities::name, municipalities::district_key).nullable(),
        ))
        .load(conn)?;
    let field_links: Vec<(i64, i64)> = organisation_fields::table
        .filter(organisation_fields::organisation_id.eq_any(ids))
        .select((
            organisation_fields::organisation_id,
            organisation_fields::field_id,
        ))
        .order((
            organisation_fields::organisation_id,
            organisation_fields::field_id,
        ))
        .load(conn)?;
    let role_links: Vec<(i64, String)> = organisation_roles::table
        .filter(organisation_roles::organisation_id.eq_any(ids))
        .select((
            organisation_roles::organisation_id,
            organisation_roles::role,
        ))
        .load(conn)?;
    let mut by_id: std::collections::HashMap<i64, Organisation> = rows
        .into_iter()
        .map(|(r, municipality)| {
            let municipality = match (r.municipality_ags, municipality) {
                (Some(ags), Some((name, district_key))) => Some(MunicipalityRef {
                    ags: ags
                        .parse::<Ags>()
                        .map_err(|e| ApiError::Internal(e.message))?,
                    name,
                    district_key,
                }),
                _ => None,
            };
            let org = Organisation {
                id: r.id,
                kind: OrganisationKind::from_code(&r.kind).unwrap_or(OrganisationKind::Other),
                name: r.name,
                address: Address {
                    street: r.street,
                    postal_code: r.postal_code,
                    city: r.city,
                },
                municipality,
                contact: Contact {
                    name: r.contact_name,
                    email: r.contact_email,
                    phone: r.contact_phone,
                },
                website: r.website,
                fields: field_links
                    .iter()
                    .filter(|(o, _)| *o == r.id)
                    .map(|(_, f)| *f)
                    .collect(),
                roles: {
                    let mut roles: Vec<ProgrammeRole> = role_links
                        .iter()
                        .filter(|(o, _)| *o == r.id)
                        .filter_map(|(_, role)| ProgrammeRole::from_code(role))
                        .collect();
                    roles.sort_unstable();
                    roles
                },
                version: r.version,
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            };
            Ok((r.id, org))
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

fn find(conn: &mut DbConnection, id: i64) -> Result<Organisation, ApiError> {
    load(conn, &[id])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Die Organisation"))
}

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

/// A checked [`OrganisationFilter`].
struct Filter {
    kind: Option<OrganisationKind>,
    district: Option<DistrictKey>,
    municipality: Option<Ags>,
    field: Option<i64>,
    role: Option<ProgrammeRole>,
    q: Option<String>,
    sort: OrganisationSort,
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
            q: present(self.q.as_deref()).map(sort_key),
            sort: self.sort.unwrap_or_default(),
        })
    }
}

type BoxedQuery<'a> = organisations::BoxedQuery<'a, <DbConnection as Connection>::Backend>;

fn filtered(f: &Filter) -> BoxedQuery<'_> {
    let mut q = organisations::table.into_boxed();
    if let Some(kind) = f.kind {
        q = q.filter(organisations::kind.eq(kind.code()));
    }
    if let Some(d) = &f.district {
        q = q.filter(organisations::municipality_ags.like(format!("{d}%")));
    }
    if let Some(m) = &f.municipality {
        q = q.filter(organisations::municipality_ags.eq(m.as_str()));
    }
    if let Some(field) = f.field {
        let with_field = organisation_fields::table
            .filter(organisation_fields::field_id.eq(field))
            .select(organisation_fields::organisation_id);
        q = q.filter(organisations::id.eq_any(with_field));
    }
    if let Some(role) = f.role {
        let with_role = organisation_roles::table
            .filter(organisation_roles::role.eq(role.code()))
            .select(organisation_roles::organisation_id);
        q = q.filter(organisations::id.eq_any(with_role));
    }
    if let Some(text) = &f.q {
        q = q.filter(
            organisations::search_text
                .like(contains_pattern(text))
                .escape('\\'),
        );
    }
    q
}

/// Partner organisations, filtered, sorted and paged.
#[utoipa::path(
    get, path = "/api/v1/organisations",
    operation_id = "list_organisations",
    tag = "organisations",
    params(OrganisationFilter, PageParams),
    responses((status = 200, body = Page<Organisation>), (status = 304))
)]
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
            let total = filtered(&filter).count().get_result::<i64>(conn)?;
            let q = filtered(&filter).select(organisations::id);
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
            let ids: Vec<i64> = q.limit(paging.limit).offset(paging.offset).load(conn)?;
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

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}",
    operation_id = "get_organisation", params(("id" = i64, Path, description = "Id of the record")), tag = "organisations", responses((status = 200, body = Organisation), (status = 304))
)]
pub async fn get_one(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let org = state.db.run(move |conn| find(conn, id)).await?;
    json_versioned(&req, &org, org.version)
}

/// Checks the references of a draft against the database, reporting them as field errors.
fn check_references(conn: &mut DbConnection, draft: &OrganisationDraft) -> Result<(), ApiError> {
    let mut errors = shared::FieldErrors::default();
    if let Some(ags) = &draft.municipality {
        if crate::municipalities::find(conn, ags)?.is_none() {
            errors.add(
                "municipality",
                "unknown",
                format!("Die Gemeinde {ags} ist nicht bekannt."),
            );
        }
    }
    let unknown = fields::unknown_ids(conn, &draft.fields)?;
    if !unknown.is_empty() {
        errors.add(
            "fields",
            "unknown",
            format!("Unbekannte Einsatzfelder: {unknown:?}"),
        );
    }
    Ok(errors.into_result()?)
}

/// Stores the draft's values, fields and roles under `id` (new or existing).
pub(crate) fn store(
    conn: &mut DbConnection,
    id: Option<i64>,
    draft: &OrganisationDraft,
    version: i64,
) -> Result<i64, ApiError> {
    check_references(conn, draft)?;
    let now = crate::db::now();
    let search_text = search_key(&[
        Some(&draft.name),
        draft.city.as_deref(),
        draft.contact_name.as_deref(),
    ]);
    let values = (
        organisations::kind.eq(draft.kind.code()),
        organisations::name.eq(&draft.name),
        organisations::sort_name.eq(sort_key(&draft.name)),
        organisations::street.eq(&draft.street),
        organisations::postal_code.eq(&draft.postal_code),
        organisations::city.eq(&draft.city),
        organisations::municipality_ags.eq(draft.municipality.as_ref().map(Ags::as_str)),
        organisations::contact_name.eq(&draft.contact_name),
        organisations::contact_email.eq(draft.contact_email.as_ref().map(|e| e.as_str())),
        organisations::contact_phone.eq(&draft.contact_phone),
        organisations::website.eq(&draft.website),
        organisations::search_text.eq(&search_text),
        organisations::version.eq(version),
        organisations::updated_at.eq(now),
    );
    let id = match id {
        Some(id) => {
            diesel::update(organisations::table.find(id))
                .set(values)
                .execute(conn)?;
            diesel::delete(
                organisation_fields::table.filter(organisation_fields::organisation_id.eq(id)),
            )
            .execute(conn)?;
            diesel::delete(
                organisation_roles::table.filter(organisation_roles::organisation_id.eq(id)),
            )
            .execute(conn)?;
            id
        }
        None => diesel::insert_into(organisations::table)
            .values((values, organisations::created_at.eq(now)))
            .returning(organisations::id)
            .get_result(conn)?,
    };
    for field in &draft.fields {
        diesel::insert_into(organisation_fields::table)
            .values((
                organisation_fields::organisation_id.eq(id),
                organisation_fields::field_id.eq(field),
            ))
            .execute(conn)?;
    }
    for role in &draft.roles {
        diesel::insert_into(organisation_roles::table)
            .values((
                organisation_roles::organisation_id.eq(id),
                organisation_roles::role.eq(role.code()),
            ))
            .execute(conn)?;
    }
    Ok(id)
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
pub async fn create(
    state: web::Data<AppState>,
    _staff: Staff,
    body: Json<OrganisationInput>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.parse()?;
    let org = state
        .db
        .write(move |conn| {
            let id = store(conn, None, &draft, 1)?;
            find(conn, id)
        })
        .await?;
    tracing::info!(organisation = org.id, "organisation created");
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/organisations/{}", org.id)))
        .insert_header(("ETag", version_etag(org.version)))
        .json(org))
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
            if current.version != expected {
                return Err(ApiError::PreconditionFailed);
            }
            store(conn, Some(id), &draft, current.version + 1)?;
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
            if expected.is_some_and(|e| e != version) {
                return Err(ApiError::PreconditionFailed);
            }
            diesel::delete(organisations::table.find(id)).execute(conn)?;
            Ok(())
        })
        .await?;
    tracing::info!(organisation = id, "organisation deleted");
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/organisations").get(list).post(create))
        .service(
            web::resource("/organisations/{id}")
                .get(get_one)
                .put(update)
                .delete(remove),
        );
}
