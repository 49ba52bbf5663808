//! `/api/v1/municipalities`: the municipalities (Gemeinden), imported from the official directory.

pub mod store;

use crate::error::ApiError;
use crate::http::Query;
use crate::http::{json_with_etag, present, query_value, PageParams};
use crate::schema::{districts, municipalities};
use crate::state::AppState;
use crate::text::{matches_search, SearchTerm};
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::reference::Municipality;
use shared::{Ags, DistrictKey, Page};
use store::{find, to_municipality, Row, COLUMNS};

pub mod import;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MunicipalityFilter {
    /// 5-digit district key.
    #[param(pattern = "^[0-9]{5}$")]
    pub district: Option<String>,
    /// Part of the name; case and umlauts do not matter ("tubingen" finds Tübingen).
    pub q: Option<String>,
}

/// Municipalities by name, optionally of one district or matching a text.
#[utoipa::path(
    get, path = "/api/v1/municipalities",
    operation_id = "list_municipalities",
    tag = "reference data",
    params(MunicipalityFilter, PageParams),
    responses((status = 200, body = Page<Municipality>), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<MunicipalityFilter>,
    page: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let paging = page.into_inner().parse()?;
    let filter = filter.into_inner();
    let mut errors = shared::FieldErrors::default();
    let district = query_value::<DistrictKey>(&mut errors, "district", filter.district.as_deref());
    errors.into_result()?;
    let q = present(filter.q.as_deref()).map(SearchTerm::new);
    let page = state
        .db
        .run(move |conn| {
            let query = || {
                let mut query = municipalities::table
                    .inner_join(districts::table)
                    .into_boxed();
                if let Some(d) = &district {
                    query = query.filter(municipalities::district_key.eq(d.as_str()));
                }
                if let Some(q) = &q {
                    query = query.filter(matches_search!(municipalities::sort_name, q));
                }
                query
            };
            let total = query().count().get_result::<i64>(conn)?;
            let rows: Vec<Row> = paging
                .window(
                    query()
                        .select(COLUMNS)
                        .order((municipalities::sort_name, municipalities::ags)),
                )
                .load(conn)?;
            let items = rows
                .into_iter()
                .map(to_municipality)
                .collect::<Result<_, _>>()?;
            Ok(paging.page(items, total))
        })
        .await?;
    json_with_etag(&req, &page)
}

/// One municipality by its AGS.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{ags}",
    operation_id = "get_municipality",
    tag = "reference data",
    params(("ags" = String, Path, description = "8-digit AGS, e.g. 08111000")),
    responses((status = 304, description = "Not modified (`If-None-Match`)"), (status = 200, body = Municipality))
)]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    state: web::Data<AppState>,
    req: HttpRequest,
    ags: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let ags: Ags = ags
        .parse()
        .map_err(|_| ApiError::not_found("Die Gemeinde"))?;
    let m = state
        .db
        .run(move |conn| find(conn, &ags)?.ok_or_else(|| ApiError::not_found("Die Gemeinde")))
        .await?;
    json_with_etag(&req, &m)
}

routes! {
    "/municipalities" => [get(list)],
    "/municipalities/{ags}" => [get(get_one)],
}
