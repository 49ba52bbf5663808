//! `/api/v1/districts`: the 44 Landkreise and Stadtkreise of Baden-Württemberg.

pub mod store;

use crate::error::ApiError;
use crate::http::json_with_etag;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use shared::reference::District;
use shared::DistrictKey;
use store::load;

/// All districts with their government region and number of municipalities.
#[utoipa::path(get, path = "/api/v1/districts",
    operation_id = "list_districts", tag = "reference data", responses((status = 200, body = Vec<District>), (status = 304)))]
#[tracing::instrument(skip_all)]
pub async fn list(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let items = state.db.run(|conn| load(conn, None)).await?;
    json_with_etag(&req, &items)
}

/// One district by its 5-digit key.
#[utoipa::path(
    get, path = "/api/v1/districts/{key}",
    operation_id = "get_district",
    tag = "reference data",
    params(("key" = String, Path, description = "5-digit district key, e.g. 08111")),
    responses((status = 304, description = "Not modified (`If-None-Match`)"), (status = 200, body = District))
)]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    state: web::Data<AppState>,
    req: HttpRequest,
    key: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key: DistrictKey = key.parse().map_err(|_| ApiError::not_found("Der Kreis"))?;
    let district = state
        .db
        .run(move |conn| {
            load(conn, Some(&key))?
                .pop()
                .ok_or_else(|| ApiError::not_found("Der Kreis"))
        })
        .await?;
    json_with_etag(&req, &district)
}

routes! {
    "/districts" => [get(list)],
    "/districts/{key}" => [get(get_one)],
}
