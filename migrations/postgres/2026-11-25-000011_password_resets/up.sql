-- Password reset links: only the hash of the one-time token is stored.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  used_at TIMESTAMP
);

-- Mail kept for reading when no SMTP server is configured (development).
CREATE TABLE mail_outbox (
  id BIGSERIAL PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL
);
