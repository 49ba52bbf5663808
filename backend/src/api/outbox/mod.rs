//! `/api/v1/outbox`: the mail queue as the administration sees it (see [`crate::mail`]): what
//! went out, what waits for another attempt and why, and, without an SMTP server (development),
//! the mail kept instead of sent.

pub mod store;

use crate::auth::Admin;
use crate::error::ApiError;
use crate::http::Query;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use shared::accounts::{MailState, OutboxMail};
use shared::Problem;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxFilter {
    /// Only mail in this state, e.g. `uncertain` or `failed`.
    pub state: Option<MailState>,
}

/// The newest 100 mails of the queue, newest first.
#[utoipa::path(
    get, path = "/api/v1/outbox",
    operation_id = "list_outbox", tag = "accounts", security(("bearer" = ["admin"])),
    params(OutboxFilter),
    responses((status = 200, body = Vec<OutboxMail>))
)]
#[tracing::instrument(skip_all)]
pub async fn outbox(
    state: web::Data<AppState>,
    _admin: Admin,
    filter: Query<OutboxFilter>,
) -> Result<HttpResponse, ApiError> {
    let wanted = filter.into_inner().state;
    let mails = state
        .db
        .run(move |conn| store::list(conn, wanted, 100))
        .await?;
    Ok(HttpResponse::Ok().json(mails))
}

/// Puts a mail whose sending was interrupted (`uncertain`) or given up (`failed`) back in the
/// queue. An uncertain mail may have arrived: ask the recipient first.
#[utoipa::path(
    post, path = "/api/v1/outbox/{id}/send-again",
    operation_id = "send_mail_again", tag = "accounts", security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "Id of the mail")),
    responses(
        (status = 202, description = "Queued again"),
        (status = 409, description = "Neither uncertain nor failed", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn send_again(
    state: web::Data<AppState>,
    _admin: Admin,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .db
        .write(move |conn| {
            if !store::exists(conn, id)? {
                return Err(ApiError::not_found("Die Mail"));
            }
            crate::mail::send_again(conn, id)
        })
        .await?;
    state.mailer.wake();
    Ok(HttpResponse::Accepted().finish())
}

routes! {
    "/outbox" => [get(outbox)],
    "/outbox/{id}/send-again" => [post(send_again)],
}
