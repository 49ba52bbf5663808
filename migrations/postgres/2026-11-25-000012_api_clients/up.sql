-- API clients of integrations: they exchange their secret for short-lived tokens (OAuth2
-- client credentials). Only a hash of the secret is kept; rotating it bumps the version, which
-- ends the tokens issued before.
CREATE TABLE api_clients (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  organisation TEXT,
  scopes TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  secret_version INTEGER NOT NULL,
  rate_limit INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  revoked_at TIMESTAMP
);

-- The audit log names the acting client as well.
ALTER TABLE audit_log ADD COLUMN client_id BIGINT;
