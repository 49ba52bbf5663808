ALTER TABLE mail_outbox DROP COLUMN attachment;
ALTER TABLE mail_outbox DROP COLUMN attachment_name;
