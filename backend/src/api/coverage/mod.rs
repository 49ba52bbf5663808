//! `/api/v1/coverage`: active mentors per state, district and municipality, and the white spots.
//! Aggregates only, no personal data, so it is public like the reference data. Computed once
//! per coverage generation (see [`crate::publication`]) and served from memory until it moves.

pub mod store;

use crate::error::ApiError;
use crate::http::{content_etag, query_value, Query};
use crate::publication::{Cached, PublicCaches};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::coverage::Coverage;
use shared::DistrictKey;
use std::sync::Arc;
use store::{compute_at_generation, within};

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
    let caches = state.public_caches.clone();
    let (c, d) = (caches.clone(), district.clone());
    let hit = state
        .db
        .run_at_generation(move |_, generations| cached(&c, generations.coverage, d.as_ref()))
        .await?;
    let answer = match hit {
        Some(answer) => answer,
        None => {
            // One computation per generation, however many ask at once; it finishes and fills
            // the cache even when the client that started it has gone.
            let computing = caches.clone();
            let _computing = computing.coverage_computing.lock().await;
            state
                .db
                .run_at_generation(move |conn, generations| {
                    if let Some(answer) = cached(&caches, generations.coverage, district.as_ref())?
                    {
                        return Ok(answer);
                    }
                    let (generation, whole) = compute_at_generation(conn)?;
                    let whole = Arc::new(whole);
                    caches
                        .coverage_whole
                        .put(generation, String::new(), whole.clone());
                    body(&caches, generation, &whole, district.as_ref())
                })
                .await?
        }
    };
    answer.respond(&req)
}

/// The answer for `district` at `generation`, from the cached answer or the cached whole.
fn cached(
    caches: &PublicCaches,
    generation: i64,
    district: Option<&DistrictKey>,
) -> Result<Option<Arc<Cached>>, ApiError> {
    let key = district.map_or("", DistrictKey::as_str);
    if let Some(hit) = caches.coverage.get(generation, key) {
        return Ok(Some(hit));
    }
    match caches.coverage_whole.get(generation, "") {
        Some(whole) => body(caches, generation, &whole, district).map(Some),
        None => Ok(None),
    }
}

/// Serialises the coverage of `district` and keeps it for the generation.
fn body(
    caches: &PublicCaches,
    generation: i64,
    whole: &Coverage,
    district: Option<&DistrictKey>,
) -> Result<Arc<Cached>, ApiError> {
    let body = serde_json::to_vec(&within(whole, district)).map_err(ApiError::internal)?;
    let etag = content_etag(&body);
    let answer = Arc::new(Cached::new("application/json", body, etag, None));
    let key = district.map_or("", DistrictKey::as_str).to_owned();
    caches.coverage.put(generation, key, answer.clone());
    Ok(answer)
}

routes! {
    "/coverage" => [get(get)],
}
