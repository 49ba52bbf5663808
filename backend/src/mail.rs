//! Outgoing mail: through the configured SMTP server, or, without one (development), into the
//! outbox table, where the administration can read it (`GET /api/v1/outbox`).

use crate::app::AppState;
use crate::auth::Admin;
use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::schema::mail_outbox;
use actix_web::{web, HttpResponse};
use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use lettre::message::Mailbox;
use lettre::{Message, SmtpTransport, Transport};
use serde::Serialize;
use shared::Problem;

pub enum Mailer {
    Outbox,
    Smtp {
        /// Boxed: the transport is large, and the outbox variant carries nothing.
        transport: Box<SmtpTransport>,
        from: Mailbox,
    },
}

impl Mailer {
    /// An SMTP URL (`smtps://user:password@host`, `smtp://host:587?tls=required`) sends for real.
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Self> {
        match smtp_url.filter(|u| !u.trim().is_empty()) {
            None => Ok(Mailer::Outbox),
            Some(url) => Ok(Mailer::Smtp {
                transport: Box::new(
                    SmtpTransport::from_url(url)
                        .map_err(|e| anyhow::anyhow!("MENTORAT_SMTP_URL: {e}"))?
                        .build(),
                ),
                from: from
                    .parse()
                    .map_err(|e| anyhow::anyhow!("MENTORAT_MAIL_FROM: {e}"))?,
            }),
        }
    }
}

/// Sends a plain-text mail. Failures are logged without the message, and not shown to the
/// caller, whose request (e.g. a password reset) must answer the same either way.
pub async fn send(state: &AppState, to: String, subject: &'static str, body: String) {
    let result = match &*state.mailer {
        Mailer::Outbox => {
            state
                .db
                .write(move |conn| {
                    diesel::insert_into(mail_outbox::table)
                        .values((
                            mail_outbox::recipient.eq(to),
                            mail_outbox::subject.eq(subject),
                            mail_outbox::body.eq(body),
                            mail_outbox::created_at.eq(now()),
                        ))
                        .execute(conn)?;
                    Ok(())
                })
                .await
        }
        Mailer::Smtp { from, .. } => {
            let message = to
                .parse::<Mailbox>()
                .map_err(|e| ApiError::Internal(e.to_string()))
                .and_then(|to| {
                    Message::builder()
                        .from(from.clone())
                        .to(to)
                        .subject(subject)
                        .body(body)
                        .map_err(|e| ApiError::Internal(e.to_string()))
                });
            match message {
                Ok(message) => {
                    let mailer = state.mailer.clone();
                    web::block(move || match &*mailer {
                        Mailer::Smtp { transport, .. } => transport
                            .send(&message)
                            .map(|_| ())
                            .map_err(|e| ApiError::Unavailable(e.to_string())),
                        Mailer::Outbox => Ok(()),
                    })
                    .await
                    .map_err(|e| ApiError::Internal(e.to_string()))
                    .and_then(|r| r)
                }
                Err(e) => Err(e),
            }
        }
    };
    match result {
        Ok(()) => tracing::info!(subject, "mail sent"),
        Err(e) => tracing::error!(error = %e, subject, "mail not sent"),
    }
}

/// Removes mail to the given addresses (on erasure).
pub fn forget(conn: &mut DbConnection, addresses: &[String]) -> Result<(), ApiError> {
    diesel::delete(mail_outbox::table.filter(mail_outbox::recipient.eq_any(addresses)))
        .execute(conn)?;
    Ok(())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OutboxMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: chrono::DateTime<Utc>,
}

/// Mail kept in the outbox, newest first. Only without an SMTP server (development); with one,
/// mail is sent and this answers 404.
#[utoipa::path(
    get, path = "/api/v1/outbox",
    operation_id = "list_outbox", tag = "accounts", security(("bearer" = ["admin"])),
    responses(
        (status = 200, body = Vec<OutboxMail>),
        (status = 404, description = "Mail goes out through SMTP", body = Problem, content_type = "application/problem+json"))
)]
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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/outbox").get(outbox));
}
