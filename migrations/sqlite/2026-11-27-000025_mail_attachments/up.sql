-- A mail may carry one attachment, as text: the session reminder its calendar entry (.ics).
-- Removed with the body once the mail is sent.
ALTER TABLE mail_outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE mail_outbox ADD COLUMN attachment TEXT;
