//! `/api/v1/outbox`: mail kept instead of sent, while no SMTP server is configured
//! (development), readable by the administration.

pub mod store;

use crate::auth::Admin;
use crate::error::ApiError;
use crate::mail::Mailer;
use crate::schema::mail_outbox;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use shared::Problem;
use store::OutboxMail;

/// Mail kept in the outbox, newest first. Only without an SMTP server (development); with one,
/// mail is sent and this answers 404.
#[utoipa::path(
    get, path = "/api/v1/outbox",
    operation_id = "list_outbox", tag = "accounts", security(("bearer" = ["admin"])),
    responses(
        (status = 200, body = Vec<OutboxMail>),
        (status = 404, description = "Mail goes out through SMTP", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn outbox(state: web::Data<AppState>, _admin: Admin) -> Result<HttpResponse, ApiError> {
    if !matches!(*state.mailer, Mailer::Outbox) {
        return Err(ApiError::NotFound(
            "Mail geht über den SMTP-Server hinaus; es gibt keinen Postausgang.".into(),
        ));
    }
    let mails: Vec<OutboxMail> = state
        .db
        .run(|conn| {
            let rows: Vec<(i64, String, String, String, chrono::NaiveDateTime)> =
                mail_outbox::table
                    .select((
                        mail_outbox::id,
                        mail_outbox::recipient,
                        mail_outbox::subject,
                        mail_outbox::body,
                        mail_outbox::created_at,
                    ))
                    .order(mail_outbox::id.desc())
                    .limit(100)
                    .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(id, recipient, subject, body, at)| OutboxMail {
                    id,
                    recipient,
                    subject,
                    body,
                    created_at: Utc.from_utc_datetime(&at),
                })
                .collect())
        })
        .await?;
    Ok(HttpResponse::Ok().json(mails))
}

routes! {
    "/outbox" => [get(outbox)],
}
