ALTER TABLE certificates DROP COLUMN revocation_reason;
ALTER TABLE certificates DROP COLUMN revoked_on;
