//! `/api/v1/fields`: the fields of activity (Einsatzfelder). Public reads; staff add, rename
//! and retire them. Fields are never deleted, so records that use them keep their meaning.

pub mod store;

use crate::auth::Staff;
use crate::error::ApiError;
use crate::http::{expected_version, json_versioned, json_with_etag, optional_expected_version};
use crate::http::{Json, Query};
use crate::schema::fields_of_activity as fields;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::reference::{FieldOfActivity, FieldOfActivityInput};
use shared::Problem;
use store::{ensure_unique_name, find, FieldRow};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FieldFilter {
    /// Also list retired fields (default: only current ones).
    #[serde(default)]
    pub include_retired: bool,
}

/// All fields of activity, in their seeded order.
#[utoipa::path(get, path = "/api/v1/fields",
    operation_id = "list_fields", tag = "fields", params(FieldFilter), responses((status = 200, body = Vec<FieldOfActivity>), (status = 304)))]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<FieldFilter>,
) -> Result<HttpResponse, ApiError> {
    let include_retired = filter.include_retired;
    let items = state
        .db
        .run(move |conn| {
            let mut q = fields::table
                .select(FieldRow::as_select())
                .order(fields::id)
                .into_boxed();
            if !include_retired {
                q = q.filter(fields::retired.eq(false));
            }
            Ok(q.load(conn)?
                .into_iter()
                .map(FieldOfActivity::from)
                .collect::<Vec<_>>())
        })
        .await?;
    json_with_etag(&req, &items)
}

/// One field of activity.
#[utoipa::path(get, path = "/api/v1/fields/{id}",
    operation_id = "get_field", params(("id" = i64, Path, description = "Id of the record")), tag = "fields", responses((status = 304, description = "Not modified (`If-None-Match`)"), (status = 200, body = FieldOfActivity))
)]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let field = state.db.run(move |conn| find(conn, id)).await?;
    json_versioned(&req, &field, field.version)
}

/// Adds a field of activity.
#[utoipa::path(
    post, path = "/api/v1/fields",
    operation_id = "create_field",
    tag = "fields",
    security(("bearer" = ["staff"])),
    request_body = FieldOfActivityInput,
    responses((status = 201, body = FieldOfActivity))
)]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    _staff: Staff,
    body: Json<FieldOfActivityInput>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.parse()?;
    let (field, location) = state
        .db
        .create(move |conn| {
            ensure_unique_name(conn, &draft, None)?;
            let id = diesel::insert_into(fields::table)
                .values((
                    fields::name_de.eq(&draft.name_de),
                    fields::name_en.eq(&draft.name_en),
                    fields::retired.eq(draft.retired),
                ))
                .returning(fields::id)
                .get_result::<i64>(conn)?;
            Ok((find(conn, id)?, format!("/api/v1/fields/{id}")))
        })
        .await?;
    Ok(crate::http::created(location, Some(field.version), &field))
}

/// Renames or retires a field of activity. Needs `If-Match` with the current ETag.
#[utoipa::path(
    put, path = "/api/v1/fields/{id}",
    operation_id = "update_field",
    params(("id" = i64, Path, description = "Id of the record"), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    tag = "fields",
    security(("bearer" = ["staff"])),
    request_body = FieldOfActivityInput,
    responses(
        (status = 200, body = FieldOfActivity),
        (status = 412, description = "Changed in the meantime", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<FieldOfActivityInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let draft = body.parse()?;
    let expected = expected_version(&req)?;
    let field = state
        .db
        .write(move |conn| {
            let current = find(conn, id)?;
            crate::http::check_version(expected, current.version)?;
            ensure_unique_name(conn, &draft, Some(id))?;
            diesel::update(fields::table.find(id))
                .set((
                    fields::name_de.eq(&draft.name_de),
                    fields::name_en.eq(&draft.name_en),
                    fields::retired.eq(draft.retired),
                    fields::version.eq(current.version + 1),
                ))
                .execute(conn)?;
            // The public listing shows field names.
            crate::publication::bump(conn)?;
            crate::api::listing::entries::write(
                conn,
                crate::api::listing::entries::Mentors::WithField(id),
            )?;
            find(conn, id)
        })
        .await?;
    json_versioned(&req, &field, field.version)
}

/// Deletes a field of activity that no record uses; a field in use is retired instead, so the
/// records keep their meaning. With `If-Match`, only if unchanged in the meantime.
#[utoipa::path(
    delete, path = "/api/v1/fields/{id}",
    operation_id = "delete_field",
    params(("id" = i64, Path, description = "Id of the record")),
    tag = "fields",
    security(("bearer" = ["staff"])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "Still in use; retire it instead", body = Problem, content_type = "application/problem+json"),
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
            let current = find(conn, id)?;
            crate::http::check_version(expected, current.version)?;
            diesel::delete(fields::table.find(id)).execute(conn).map_err(|e| match e {
                diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::ForeignKeyViolation, _) => {
                    ApiError::Conflict("in_use", "Das Einsatzfeld wird noch verwendet. Nehmen Sie es stattdessen außer Gebrauch.".into())
                }
                other => other.into(),
            })?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

routes! {
    "/fields" => [get(list), post(create)],
    "/fields/{id}" => [get(get_one), put(update), delete(remove)],
}
