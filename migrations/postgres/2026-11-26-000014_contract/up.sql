-- Accounts carry a version like every other record, so changing one needs If-Match.
ALTER TABLE accounts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The time of the latest public change. Changes take their time from here while they hold the
-- publication_state row, which they keep until they commit: change times follow commit order,
-- so a feed follower resuming after the newest time it has seen never misses a change.
ALTER TABLE publication_state ADD COLUMN last_change TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';

-- Rate limits (sign-in attempts, password-reset requests, API client requests): hits per key in
-- a fixed window. Keys are hashes (of an address, or of an address and a client's network
-- address) or client ids, never names. A hit is counted in one statement before the work it
-- guards, so parallel requests on any number of instances cannot all slip through.
DROP TABLE login_throttle;
CREATE TABLE rate_counters (
  key TEXT PRIMARY KEY NOT NULL,
  hits INTEGER NOT NULL,
  window_start TIMESTAMP NOT NULL
);
