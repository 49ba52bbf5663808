//! `/api/v1/districts`: the 44 Landkreise and Stadtkreise of Baden-Württemberg.

use crate::app::AppState;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::http::json_with_etag;
use crate::schema::{districts, municipalities};
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::dsl::count_star;
use diesel::prelude::*;
use shared::reference::{District, DistrictKind};
use shared::DistrictKey;

fn load(conn: &mut DbConnection, key: Option<&DistrictKey>) -> Result<Vec<District>, ApiError> {
    let mut q = districts::table
        .select((districts::key, districts::name, districts::kind))
        .order(districts::key)
        .into_boxed();
    if let Some(key) = key {
        q = q.filter(districts::key.eq(key.as_str()));
    }
    let rows: Vec<(String, String, String)> = q.load(conn)?;
    let counts: Vec<(String, i64)> = municipalities::table
        .group_by(municipalities::district_key)
        .select((municipalities::district_key, count_star()))
        .load(conn)?;
    rows.into_iter()
        .map(|(key, name, kind)| {
            let key: DistrictKey = key
                .parse()
                .map_err(|e: shared::ValueError| ApiError::Internal(e.message))?;
            let (region_code, region) = key.region().unwrap_or(("", ""));
            Ok(District {
                municipality_count: counts
                    .iter()
                    .find(|(k, _)| k == key.as_str())
                    .map_or(0, |(_, n)| *n),
                region_code: region_code.into(),
                region: region.into(),
                kind: if kind == "stadtkreis" {
                    DistrictKind::Stadtkreis
                } else {
                    DistrictKind::Landkreis
                },
                key,
                name,
            })
        })
        .collect()
}

/// All districts with their government region and number of municipalities.
#[utoipa::path(get, path = "/api/v1/districts",
    operation_id = "list_districts", tag = "reference data", responses((status = 200, body = Vec<District>), (status = 304)))]
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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/districts").get(list))
        .service(web::resource("/districts/{key}").get(get_one));
}
