-- Roles beyond staff: municipal coordinators (bound to districts or municipalities), trainers
-- and mentors (each linked to their person record). Accounts are rebuilt to widen the role check.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE accounts_new (
  id INTEGER PRIMARY KEY NOT NULL,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'coordinator', 'trainer', 'mentor')),
  created_at TIMESTAMP NOT NULL,
  person_id BIGINT REFERENCES people (id) ON DELETE SET NULL
);
INSERT INTO accounts_new (id, email, display_name, password_hash, role, created_at)
  SELECT id, email, display_name, password_hash, role, created_at FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;
CREATE INDEX accounts_person ON accounts (person_id);

-- What a coordinator sees: 5-digit district keys or 8-digit municipality keys (AGS).
CREATE TABLE account_areas (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  area TEXT NOT NULL,
  PRIMARY KEY (account_id, area)
);

-- Invitations: the link carries a one-time token; only its hash is stored.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'coordinator', 'trainer', 'mentor')),
  person_id BIGINT REFERENCES people (id) ON DELETE CASCADE,
  areas TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  accepted_at TIMESTAMP
);
COMMIT;
PRAGMA foreign_keys = ON;
