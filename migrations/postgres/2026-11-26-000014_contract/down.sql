DROP TABLE rate_counters;
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY NOT NULL,
  failures INTEGER NOT NULL,
  last_failure_at TIMESTAMP NOT NULL,
  blocked_until TIMESTAMP
);
ALTER TABLE publication_state DROP COLUMN last_change;
ALTER TABLE accounts DROP COLUMN version;
