-- How an education provider signs its certificates: the signatory (name and role) and the logo
-- heading the page. One row per provider organisation; the upload is kept as sent (PNG or SVG)
-- and checked on the way in.
CREATE TABLE certificate_profiles (
  organisation_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  signatory_name TEXT,
  signatory_role TEXT,
  logo_media_type TEXT,
  logo BYTEA,
  version BIGINT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
