//! `/api/v1/coverage`: active mentors per state, district and municipality, and the white spots.
//! Aggregates only, no personal data, so it is public like the reference data.

pub mod store;

use crate::error::ApiError;
use crate::http::Query;
use crate::http::{json_with_etag, query_value};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::coverage::Coverage;
use shared::DistrictKey;
use store::compute;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoverageFilter {
    /// Limit the municipality list and the white spots to one district (5-digit key).
    #[param(pattern = "^[0-9]{5}$")]
    pub district: Option<String>,
}

/// Active mentors for the state, each district and each municipality, with the fields they
/// cover, and the municipalities without any active mentor ("white spots").
#[utoipa::path(
    get, path = "/api/v1/coverage",
    operation_id = "get_coverage",
    tag = "public",
    params(CoverageFilter),
    responses((status = 200, body = Coverage), (status = 304))
)]
#[tracing::instrument(skip_all)]
pub async fn get(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<CoverageFilter>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = shared::FieldErrors::default();
    let district = query_value::<DistrictKey>(&mut errors, "district", filter.district.as_deref());
    errors.into_result()?;
    let coverage = state
        .db
        .run(move |conn| compute(conn, district.as_ref()))
        .await?;
    json_with_etag(&req, &coverage)
}

routes! {
    "/coverage" => [get(get)],
}
