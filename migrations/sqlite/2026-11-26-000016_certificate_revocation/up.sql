-- A revoked certificate stays in the register; the public check says it was revoked and when,
-- never why (the reason is for the education provider's files).
ALTER TABLE certificates ADD COLUMN revoked_on DATE;
ALTER TABLE certificates ADD COLUMN revocation_reason TEXT;
