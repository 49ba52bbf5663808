-- Sign-in sessions: every token names its session, so signing out (or changing the password)
-- revokes tokens before they expire.
CREATE TABLE auth_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);
CREATE INDEX auth_sessions_account ON auth_sessions (account_id);

-- Failed sign-ins per e-mail address, for throttling. The key is a hash of the address, so the
-- table names nobody; unknown addresses are counted like known ones.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY NOT NULL,
  failures INTEGER NOT NULL,
  last_failure_at TIMESTAMP NOT NULL,
  blocked_until TIMESTAMP
);

-- Who did what, when, to which record. No names or contents: the account, the action, the
-- route and the record's address. It outlives accounts, so no foreign key.
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMP NOT NULL,
  account_id BIGINT,
  action TEXT NOT NULL,
  route TEXT NOT NULL,
  record TEXT,
  status INTEGER NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_account ON audit_log (account_id, at);
CREATE INDEX audit_log_record ON audit_log (record);
