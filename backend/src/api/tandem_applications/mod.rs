//! Trainer tandems applying for a Mentorentrainerkurs: a professional and a citizen send one form
//! (`POST /api/v1/courses/{id}/tandem-applications`, no sign-in) naming the local Mentorenkurs
//! they plan; each confirms with their own mailed link
//! (`POST /api/v1/tandem-applications/confirm/{token}`); staff see confirmed applications in a
//! queue and accept or decline them (`POST /api/v1/tandem-applications/{id}/decision`).
//!
//! Against abuse the same guards as registrations: a hidden field, limits per client address
//! and per e-mail address held in the database, and the same answer whatever happens.

pub mod store;

use crate::api::registrations::take_form;
use crate::auth::Staff;
use crate::error::ApiError;
use crate::http::{Json, Query};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::tandems::{
    TandemApplication, TandemApplicationInput, TandemApplicationState, TandemConfirmation,
    TandemDecision,
};
use shared::Problem;

/// Applies as a tandem for a Mentorentrainerkurs open for registration. Answers 202 whatever
/// becomes of it: each partner receives a confirmation link, valid for 48 hours; an application
/// not confirmed by both by then is deleted.
#[utoipa::path(
    post, path = "/api/v1/courses/{id}/tandem-applications",
    operation_id = "apply_as_tandem",
    params(("id" = i64, Path, description = "Id of the Mentorentrainerkurs")),
    tag = "registrations",
    request_body = TandemApplicationInput,
    responses(
        (status = 202, description = "Confirmation links are on their way to both partners"),
        (status = 404, description = "No Mentorentrainerkurs with this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The course takes no applications", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or invalid", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many applications from this client address", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<TandemApplicationInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let draft = input.parse()?;
    let course = id.into_inner();
    take_form(&state, &req, input.is_robot(), move |conn, form| {
        store::submit(
            conn,
            form.mailer,
            form.links,
            course,
            &draft,
            form.client,
            form.at,
        )
    })
    .await
}

/// Confirms one partner's part with the token of their link (once). With both confirmed, the
/// application waits for the education provider's decision.
#[utoipa::path(
    post, path = "/api/v1/tandem-applications/confirm/{token}",
    operation_id = "confirm_tandem_application",
    params(("token" = String, Path, description = "The token of the confirmation link")),
    tag = "registrations",
    responses(
        (status = 200, body = TandemConfirmation),
        (status = 404, description = "Unknown, expired or used link", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn confirm(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    let confirmed = state
        .db
        .write(move |conn| store::confirm(conn, &token, crate::db::now()))
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(
                "Dieser Bestätigungslink ist unbekannt, abgelaufen oder wurde schon benutzt."
                    .into(),
            )
        })?;
    Ok(HttpResponse::Ok().json(confirmed))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationFilter {
    /// Applications in this state; default `submitted` (confirmed by both, waiting for staff).
    pub state: Option<TandemApplicationState>,
}

/// Tandem applications in a state, oldest first (at most 200), with the records each partner
/// may already have.
#[utoipa::path(
    get, path = "/api/v1/tandem-applications",
    operation_id = "list_tandem_applications",
    tag = "registrations",
    security(("bearer" = ["staff"])),
    params(ApplicationFilter),
    responses((status = 200, body = Vec<TandemApplication>))
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    _staff: Staff,
    filter: Query<ApplicationFilter>,
) -> Result<HttpResponse, ApiError> {
    let wanted = filter
        .into_inner()
        .state
        .unwrap_or(TandemApplicationState::Submitted);
    let list = state.db.run(move |conn| store::list(conn, wanted)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Accepts or declines an application confirmed by both partners; both are told by mail.
/// Accepting enrols them as one tandem, records them as trainers in training and creates the
/// planned local Mentorenkurs as a draft led by them.
#[utoipa::path(
    post, path = "/api/v1/tandem-applications/{id}/decision",
    operation_id = "decide_tandem_application",
    params(("id" = i64, Path, description = "Id of the application")),
    tag = "registrations",
    security(("bearer" = ["staff"])),
    request_body = TandemDecision,
    responses(
        (status = 200, body = TandemApplication),
        (status = 404, description = "No application with this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already, the course takes no registrations, a partner is enrolled already or recorded as the other kind of trainer", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A named record does not exist", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn decide(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
    body: Json<TandemDecision>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let decision = body.into_inner();
    let mailer = state.mailer.clone();
    let decided = state
        .db
        .write(move |conn| store::decide(conn, &mailer, id, &decision, crate::db::now()))
        .await?;
    state.mailer.wake();
    Ok(HttpResponse::Ok().json(decided))
}

routes! {
    "/courses/{id}/tandem-applications" => [post(submit)],
    "/tandem-applications/confirm/{token}" => [post(confirm)],
    "/tandem-applications" => [get(list)],
    "/tandem-applications/{id}/decision" => [post(decide)],
}
