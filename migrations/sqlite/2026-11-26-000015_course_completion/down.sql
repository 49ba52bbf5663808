ALTER TABLE courses DROP COLUMN completion_reason;
ALTER TABLE courses DROP COLUMN completed_on;
