//! `/healthz` and `/readyz`: for load balancers and orchestration.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

/// The process is up.
#[utoipa::path(get, path = "/healthz",
    operation_id = "get_health", tag = "operations", responses((status = 200, description = "Alive")))]
#[tracing::instrument(skip_all)]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The database answers.
#[utoipa::path(get, path = "/readyz",
    operation_id = "get_readiness", tag = "operations", responses((status = 200, description = "Ready"), (status = 503, body = shared::Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db
        .run(|conn| {
            conn.batch_execute("SELECT 1")
                .map_err(ApiError::unavailable)
        })
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ready" })))
}
