//! Outgoing mail: through the configured SMTP server, or, without one (development), into the
//! outbox table, where the administration can read it (`GET /api/v1/outbox`).

use crate::db::{now, Db, DbConnection};
use crate::error::ApiError;
use crate::schema::mail_outbox;
use actix_web::web;
use diesel::prelude::*;
use lettre::message::Mailbox;
use lettre::{Message, SmtpTransport, Transport};

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
pub async fn send(
    mailer: &std::sync::Arc<Mailer>,
    db: &Db,
    to: String,
    subject: &'static str,
    body: String,
) {
    let result = match &**mailer {
        Mailer::Outbox => {
            db.write(move |conn| {
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
                .map_err(ApiError::internal)
                .and_then(|to| {
                    Message::builder()
                        .from(from.clone())
                        .to(to)
                        .subject(subject)
                        .body(body)
                        .map_err(ApiError::internal)
                });
            match message {
                Ok(message) => {
                    let mailer = mailer.clone();
                    web::block(move || match &*mailer {
                        Mailer::Smtp { transport, .. } => transport
                            .send(&message)
                            .map(|_| ())
                            .map_err(ApiError::unavailable),
                        Mailer::Outbox => Ok(()),
                    })
                    .await
                    .map_err(ApiError::internal)
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
