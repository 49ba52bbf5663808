//! `/api/v1/districts`: the 44 Landkreise and Stadtkreise of Baden-Württemberg.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::http::json_with_etag;
use crate::schema::{districts, municipalities};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::dsl::count_star;
use diesel::prelude::*;
use shared::reference::{district_labels, District, DistrictKind};
use shared::DistrictKey;

/// Every district as (key, name, kind, label), in key order. Labels need all names, to tell
/// which repeat.
pub fn all_with_labels(
    conn: &mut DbConnection,
) -> Result<Vec<(DistrictKey, String, DistrictKind, String)>, ApiError> {
    let rows: Vec<(String, String, String)> = districts::table
        .select((districts::key, districts::name, districts::kind))
        .order(districts::key)
        .load(conn)?;
    let kinds = rows
        .iter()
        .map(|(key, _, kind)| {
            DistrictKind::from_code(kind)
                .ok_or_else(|| ApiError::Internal(format!("district {key} has kind {kind:?}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let labels = district_labels(
        rows.iter()
            .zip(&kinds)
            .map(|((_, name, _), k)| (name.as_str(), *k)),
    );
    rows.into_iter()
        .zip(kinds)
        .zip(labels)
        .map(|(((key, name, _), kind), label)| {
            let key = key
                .parse::<DistrictKey>()
                .map_err(|e| ApiError::Internal(e.message))?;
            Ok((key, name, kind, label))
        })
        .collect()
}

fn load(conn: &mut DbConnection, only: Option<&DistrictKey>) -> Result<Vec<District>, ApiError> {
    let counts: Vec<(String, i64)> = municipalities::table
        .group_by(municipalities::district_key)
        .select((municipalities::district_key, count_star()))
        .load(conn)?;
    Ok(all_with_labels(conn)?
        .into_iter()
        .filter(|(key, ..)| only.is_none_or(|o| o == key))
        .map(|(key, name, kind, label)| {
            let (region_code, region) = key.region().unwrap_or(("", ""));
            District {
                municipality_count: counts
                    .iter()
                    .find(|(k, _)| k == key.as_str())
                    .map_or(0, |(_, n)| *n),
                region_code: region_code.into(),
                region: region.into(),
                kind,
                key,
                name,
                label,
            }
        })
        .collect())
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
