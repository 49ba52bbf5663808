DROP INDEX mail_outbox_due;
DROP INDEX mail_outbox_event;
ALTER TABLE mail_outbox DROP COLUMN last_error;
ALTER TABLE mail_outbox DROP COLUMN sent_at;
ALTER TABLE mail_outbox DROP COLUMN claimed_until;
ALTER TABLE mail_outbox DROP COLUMN next_attempt_at;
ALTER TABLE mail_outbox DROP COLUMN attempts;
ALTER TABLE mail_outbox DROP COLUMN state;
ALTER TABLE mail_outbox DROP COLUMN event;
