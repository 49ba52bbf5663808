-- Roles beyond staff: municipal coordinators (bound to districts or municipalities), trainers
-- and mentors (each linked to their person record).
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('admin', 'staff', 'coordinator', 'trainer', 'mentor'));
ALTER TABLE accounts ADD COLUMN person_id BIGINT REFERENCES people (id) ON DELETE SET NULL;
CREATE INDEX accounts_person ON accounts (person_id);

-- What a coordinator sees: 5-digit district keys or 8-digit municipality keys (AGS).
CREATE TABLE account_areas (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  area TEXT NOT NULL,
  PRIMARY KEY (account_id, area)
);

-- Invitations: the link carries a one-time token; only its hash is stored.
CREATE TABLE invitations (
  id BIGSERIAL PRIMARY KEY,
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
