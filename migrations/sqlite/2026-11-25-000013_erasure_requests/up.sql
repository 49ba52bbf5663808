-- A person's request to have their data erased, for the education provider to carry out (or
-- to refuse with a reason while legal retention applies). Gone with the person.
CREATE TABLE erasure_requests (
  person_id BIGINT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  requested_at TIMESTAMP NOT NULL,
  account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL
);
