//! Outgoing mail as a durable queue. A mail is written to `mail_outbox` in the transaction of the
//! change it reports ([`enqueue`]), so it exists exactly when that change does, and survives
//! restarts. A worker beside the server ([`deliver`]) hands due mail to the SMTP server, one at a
//! time, with retries and backoff; several instances share the queue, each mail claimed by one.
//! Without an SMTP server (development) mail is kept in the outbox for the administration to read
//! (`GET /api/v1/outbox`).
//!
//! Once sent, a mail keeps its recipient, subject and times for the administration, not its
//! body, whose links may still work.
//!
//! A mail is claimed ('sending') before it goes out and marked 'sent' after the server took it.
//! When a server dies in between (kill -9), the mail may or may not have arrived; its claim runs
//! out and it turns 'uncertain': it is not sent again by itself, so nobody gets a mail twice, and
//! an admin sees it and may send it again.

use crate::db::{dialect, now, Db, DbConnection};
use crate::error::ApiError;
use crate::schema::mail_outbox;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Timestamp};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{Message, SmtpTransport, Transport};
use shared::accounts::MailState;
use std::time::Duration;

/// How long a claim lasts: longer than lettre's SMTP timeout (60 s) with room to spare.
const CLAIM: TimeDelta = TimeDelta::minutes(10);
/// After this many failed attempts a mail is given up ('failed').
const MAX_ATTEMPTS: i32 = 10;
/// How often the worker looks without being woken: for retries that fell due and for mail queued
/// by other instances.
const LOOK_EVERY: Duration = Duration::from_secs(15);

pub struct Mailer {
    /// `None`: mail is kept in the outbox.
    smtp: Option<Smtp>,
    /// Wakes the worker when a request queued mail.
    wake: tokio::sync::Notify,
}

struct Smtp {
    /// Boxed: the transport is large.
    transport: Box<SmtpTransport>,
    from: Mailbox,
}

/// A mail to queue.
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// What the mail reports, e.g. `registration:17:confirm`: a second mail to the same recipient
    /// for the same event is not queued. `None` for mail that may repeat (password resets).
    pub event: Option<String>,
    /// A calendar entry (file name, iCalendar text) sent with the mail.
    pub calendar: Option<(String, String)>,
}

impl Mailer {
    /// An SMTP URL (`smtps://user:password@host`, `smtp://host:587?tls=required`) sends for real.
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Self> {
        let smtp = match smtp_url.filter(|u| !u.trim().is_empty()) {
            None => None,
            Some(url) => Some(Smtp {
                transport: Box::new(
                    SmtpTransport::from_url(url)
                        .map_err(|e| anyhow::anyhow!("MENTORAT_SMTP_URL: {e}"))?
                        .build(),
                ),
                from: from
                    .parse()
                    .map_err(|e| anyhow::anyhow!("MENTORAT_MAIL_FROM: {e}"))?,
            }),
        };
        Ok(Self {
            smtp,
            wake: tokio::sync::Notify::new(),
        })
    }

    /// Whether mail is kept in the outbox rather than sent.
    pub fn keeps(&self) -> bool {
        self.smtp.is_none()
    }

    /// Tells the worker that mail was queued (call after the transaction committed).
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// Queues `mail` inside the caller's write transaction; answers false when the same event's mail
/// to the same recipient was queued before.
pub fn enqueue(conn: &mut DbConnection, mailer: &Mailer, mail: Outgoing) -> Result<bool, ApiError> {
    let state = if mailer.keeps() {
        MailState::Kept
    } else {
        MailState::Queued
    };
    let sql = dialect(
        conn,
        "INSERT INTO mail_outbox \
         (recipient, subject, body, created_at, event, state, attachment_name, attachment) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    );
    let (attachment_name, attachment) = mail.calendar.unzip();
    let queued = diesel::sql_query(sql)
        .bind::<Text, _>(mail.to)
        .bind::<Text, _>(mail.subject)
        .bind::<Text, _>(mail.body)
        .bind::<Timestamp, _>(now())
        .bind::<Nullable<Text>, _>(mail.event)
        .bind::<Text, _>(state.code())
        .bind::<Nullable<Text>, _>(attachment_name)
        .bind::<Nullable<Text>, _>(attachment)
        .execute(conn)?;
    Ok(queued == 1)
}

/// Runs for as long as the server does (polled beside it), when mail goes out through SMTP.
pub async fn deliver(db: Db, mailer: std::sync::Arc<Mailer>) {
    loop {
        match deliver_due(&db, &mailer).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "mail delivered"),
            Err(error) => tracing::warn!(?error, "mail delivery paused"),
        }
        let wait = actix_web::rt::time::sleep(LOOK_EVERY);
        futures_util::future::select(std::pin::pin!(mailer.wake.notified()), std::pin::pin!(wait))
            .await;
    }
}

/// Sends every mail that is due; answers how many went out.
async fn deliver_due(db: &Db, mailer: &std::sync::Arc<Mailer>) -> Result<usize, ApiError> {
    db.write_unrecorded(give_up_stale_claims).await?;
    let mut sent = 0;
    while let Some(mail) = db.write_unrecorded(claim_next).await? {
        let mailer = mailer.clone();
        let id = mail.id;
        let outcome = actix_web::web::block(move || send(&mailer, mail))
            .await
            .map_err(ApiError::internal)?;
        if outcome.is_ok() {
            sent += 1;
        }
        db.write_unrecorded(move |conn| record(conn, id, outcome))
            .await?;
    }
    Ok(sent)
}

#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    recipient: String,
    #[diesel(sql_type = Text)]
    subject: String,
    #[diesel(sql_type = Text)]
    body: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    attempts: i32,
    #[diesel(sql_type = Nullable<Text>)]
    attachment_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    attachment: Option<String>,
}

/// Claims the oldest due mail. The claim is conditional on the mail still waiting, so of two
/// instances reaching for the same mail one gets it and the other looks for the next.
fn claim_next(conn: &mut DbConnection) -> Result<Option<Claimed>, ApiError> {
    let at = now();
    loop {
        let next: Option<i64> = mail_outbox::table
            .filter(mail_outbox::state.eq(MailState::Queued.code()))
            .filter(
                mail_outbox::next_attempt_at
                    .is_null()
                    .or(mail_outbox::next_attempt_at.le(at)),
            )
            .order(mail_outbox::id)
            .select(mail_outbox::id)
            .first(conn)
            .optional()?;
        let Some(id) = next else { return Ok(None) };
        let sql = dialect(
            conn,
            "UPDATE mail_outbox SET state = $1, claimed_until = $2, attempts = attempts + 1 \
             WHERE id = $3 AND state = $4 RETURNING id, recipient, subject, body, attempts, attachment_name, attachment",
        );
        let claimed: Option<Claimed> = diesel::sql_query(sql)
            .bind::<Text, _>(MailState::Sending.code())
            .bind::<Timestamp, _>(at + CLAIM)
            .bind::<diesel::sql_types::BigInt, _>(id)
            .bind::<Text, _>(MailState::Queued.code())
            .get_result(conn)
            .optional()?;
        if claimed.is_some() {
            return Ok(claimed);
        }
    }
}

/// Claims whose server died while sending: the mail may have arrived, so it is not sent again.
fn give_up_stale_claims(conn: &mut DbConnection) -> Result<(), ApiError> {
    let stale = diesel::update(
        mail_outbox::table
            .filter(mail_outbox::state.eq(MailState::Sending.code()))
            .filter(mail_outbox::claimed_until.lt(now())),
    )
    .set((
        mail_outbox::state.eq(MailState::Uncertain.code()),
        mail_outbox::last_error.eq("Versand unterbrochen; die Mail kam vielleicht an."),
    ))
    .execute(conn)?;
    if stale > 0 {
        tracing::warn!(stale, "mail interrupted while sending marked uncertain");
    }
    Ok(())
}

/// Why a mail did not go out, and whether trying again may help.
struct Failure {
    permanent: bool,
    reason: String,
}

fn send(mailer: &Mailer, mail: Claimed) -> Result<(), Failure> {
    let Some(smtp) = &mailer.smtp else {
        return Err(Failure {
            permanent: false,
            reason: "kein SMTP-Server eingerichtet".into(),
        });
    };
    let permanent = |reason: String| Failure {
        permanent: true,
        reason,
    };
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| permanent(format!("Empfängeradresse: {e}")))?;
    let builder = Message::builder()
        .from(smtp.from.clone())
        .to(to)
        .subject(mail.subject);
    // Without the charset, readers show umlauts as garbage.
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body);
    let message = match (mail.attachment_name, mail.attachment) {
        (Some(name), Some(calendar)) => builder.multipart(
            MultiPart::mixed().singlepart(text).singlepart(
                Attachment::new(name).body(
                    calendar,
                    ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                        .expect("a valid media type"),
                ),
            ),
        ),
        _ => builder.singlepart(text),
    }
    .map_err(|e| permanent(e.to_string()))?;
    smtp.transport
        .send(&message)
        .map(|_| ())
        .map_err(|e| Failure {
            permanent: e.is_permanent(),
            reason: e.to_string(),
        })
        .inspect_err(|f| tracing::warn!(id = mail.id, attempt = mail.attempts, reason = %f.reason, "mail not sent"))
}

/// Records the outcome of an attempt: sent, another attempt later (1, 2, 4 … minutes, at most
/// six hours apart), or given up.
fn record(conn: &mut DbConnection, id: i64, outcome: Result<(), Failure>) -> Result<(), ApiError> {
    let at = now();
    let row = mail_outbox::table.filter(mail_outbox::id.eq(id));
    match outcome {
        // The body goes once sent: it may hold links that work (confirmations, resets), and the
        // recipient has it now.
        Ok(()) => diesel::update(row)
            .set((
                mail_outbox::body.eq(""),
                mail_outbox::attachment.eq(None::<String>),
                mail_outbox::state.eq(MailState::Sent.code()),
                mail_outbox::sent_at.eq(at),
                mail_outbox::claimed_until.eq(None::<NaiveDateTime>),
                mail_outbox::last_error.eq(None::<String>),
            ))
            .execute(conn)?,
        Err(failure) => {
            let attempts: i32 = row.select(mail_outbox::attempts).first(conn)?;
            let give_up = failure.permanent || attempts >= MAX_ATTEMPTS;
            let state = if give_up {
                MailState::Failed
            } else {
                MailState::Queued
            };
            diesel::update(row)
                .set((
                    mail_outbox::state.eq(state.code()),
                    mail_outbox::next_attempt_at.eq((!give_up).then(|| at + backoff(attempts))),
                    mail_outbox::claimed_until.eq(None::<NaiveDateTime>),
                    mail_outbox::last_error.eq(failure.reason),
                ))
                .execute(conn)?
        }
    };
    Ok(())
}

/// The wait before attempt `attempts + 1`.
fn backoff(attempts: i32) -> TimeDelta {
    TimeDelta::minutes(1i64 << attempts.clamp(1, 9).saturating_sub(1)).min(TimeDelta::hours(6))
}

/// Puts an uncertain or failed mail back in the queue, on an admin's word.
pub fn send_again(conn: &mut DbConnection, id: i64) -> Result<(), ApiError> {
    let changed = diesel::update(mail_outbox::table.filter(mail_outbox::id.eq(id)).filter(
        mail_outbox::state.eq_any([MailState::Uncertain.code(), MailState::Failed.code()]),
    ))
    .set((
        mail_outbox::state.eq(MailState::Queued.code()),
        mail_outbox::next_attempt_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(ApiError::Conflict(
            "mail_not_resendable",
            "Nur unklare oder fehlgeschlagene Mails lassen sich erneut senden.".into(),
        ));
    }
    Ok(())
}

/// Removes mail to the given addresses (on erasure).
pub fn forget(conn: &mut DbConnection, addresses: &[String]) -> Result<(), ApiError> {
    diesel::delete(mail_outbox::table.filter(mail_outbox::recipient.eq_any(addresses)))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_wait_longer_each_time_up_to_six_hours() {
        let waits: Vec<i64> = (1..=10).map(|a| backoff(a).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 256]);
        assert!(waits.iter().all(|&w| w <= 360));
    }
}
