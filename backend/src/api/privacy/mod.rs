//! The data-protection duties towards a person: the export of everything stored about them,
//! and erasure (in [`super::remove`], through [`erase`]).

pub mod store;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::schema::{certificates, erasure_requests, people};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use shared::people::{ErasureRequest, PersonalDataExport};
use store::export_of;

/// Everything stored about a person, as one JSON document (right of access and portability),
/// for staff and for the person themselves. Each export is recorded in the audit log.
#[utoipa::path(
    get, path = "/api/v1/people/{id}/export",
    operation_id = "export_person",
    params(("id" = i64, Path, description = "Id of the person")),
    tag = "people",
    security(("bearer" = ["staff", "trainer", "mentor"])),
    responses(
        (status = 200, body = PersonalDataExport))
)]
#[tracing::instrument(skip_all)]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    caller.require_self_or_staff(id)?;
    let export = state.db.run(move |conn| export_of(conn, id)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"mentorat-person-{id}.json\""),
        ))
        .json(export))
}

/// Asks the education provider to erase the person's data (the person themselves, or staff on
/// their behalf). Asking again changes nothing.
#[utoipa::path(
    post, path = "/api/v1/people/{id}/erasure-request",
    operation_id = "request_erasure",
    params(("id" = i64, Path, description = "Id of the person")),
    tag = "people",
    security(("bearer" = ["staff", "trainer", "mentor"])),
    responses(
        (status = 202, description = "Request recorded"))
)]
#[tracing::instrument(skip_all)]
pub async fn request_erasure(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    caller.require_self_or_staff(id)?;
    let account = caller.account;
    state
        .db
        .write(move |conn| {
            crate::api::people::store::find(conn, id)?;
            let pending = erasure_requests::table
                .find(id)
                .count()
                .get_result::<i64>(conn)?
                > 0;
            if !pending {
                diesel::insert_into(erasure_requests::table)
                    .values((
                        erasure_requests::person_id.eq(id),
                        erasure_requests::requested_at.eq(crate::db::now()),
                        erasure_requests::account_id.eq(account),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Pending erasure requests, oldest first, each with the reason it has to wait, if any.
#[utoipa::path(
    get, path = "/api/v1/erasure-requests",
    operation_id = "list_erasure_requests",
    tag = "people",
    security(("bearer" = ["staff"])),
    responses(
        (status = 200, body = Vec<ErasureRequest>))
)]
#[tracing::instrument(skip_all)]
pub async fn erasure_requests(
    state: web::Data<AppState>,
    _staff: crate::auth::Staff,
) -> Result<HttpResponse, ApiError> {
    let list: Vec<ErasureRequest> = state
        .db
        .run(|conn| {
            let rows: Vec<(i64, String, String, chrono::NaiveDateTime)> = erasure_requests::table
                .inner_join(people::table)
                .select((erasure_requests::person_id, people::given_name, people::family_name, erasure_requests::requested_at))
                .order(erasure_requests::requested_at)
                .load(conn)?;
            let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
            let holders: Vec<i64> = certificates::table.filter(certificates::person_id.eq_any(&ids)).select(certificates::person_id).load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(person_id, given_name, family_name, at)| ErasureRequest {
                    retention: holders.contains(&person_id).then(|| "Ein ausgestelltes Zertifikat steht im Register und muss aufbewahrt werden.".to_owned()),
                    person_id,
                    given_name,
                    family_name,
                    requested_at: Utc.from_utc_datetime(&at),
                })
                .collect())
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

routes! {
    "/people/{id}/export" => [get(export)],
    "/people/{id}/erasure-request" => [post(request_erasure)],
    "/erasure-requests" => [get(erasure_requests)],
}
