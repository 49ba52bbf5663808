-- The outbox becomes a durable queue: mail is written in the transaction of the change it
-- reports and sent by a worker beside the server (backend/src/mail.rs), with retries and
-- backoff. A mail is claimed ('sending') before it goes out and marked 'sent' after; a claim
-- that outlives its server (kill -9 while sending) turns 'uncertain' and is not sent again by
-- itself, so nobody gets a mail twice; an admin sees it and may send it again. `event` names
-- what a mail reports ("registration:17:confirm"): one mail per recipient and event.
-- Without an SMTP server mail stays 'kept', readable in the outbox, as before.
ALTER TABLE mail_outbox ADD COLUMN event TEXT;
ALTER TABLE mail_outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'kept'
  CHECK (state IN ('queued', 'sending', 'sent', 'uncertain', 'failed', 'kept'));
ALTER TABLE mail_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mail_outbox ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE mail_outbox ADD COLUMN claimed_until TIMESTAMP;
ALTER TABLE mail_outbox ADD COLUMN sent_at TIMESTAMP;
ALTER TABLE mail_outbox ADD COLUMN last_error TEXT;
CREATE UNIQUE INDEX mail_outbox_event ON mail_outbox (recipient, event) WHERE event IS NOT NULL;
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at, id);
