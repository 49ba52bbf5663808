-- People with mentor and trainer profiles, publication consent and its history, and the
-- tombstones that let municipal copies of the public listing honour withdrawals.

CREATE TABLE people (
  id INTEGER PRIMARY KEY NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  -- DIN 5007 key "family given" for sorting, and folded text for search
  sort_name TEXT NOT NULL,
  search_text TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  street TEXT,
  postal_code TEXT,
  city TEXT,
  municipality_ags TEXT REFERENCES municipalities (ags),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX people_sort_name ON people (sort_name);
CREATE INDEX people_email ON people (email);
CREATE INDEX people_municipality ON people (municipality_ags);

CREATE TABLE person_languages (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  PRIMARY KEY (person_id, language)
);
CREATE INDEX person_languages_language ON person_languages (language, person_id);

CREATE TABLE mentors (
  person_id BIGINT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('in_training', 'certified', 'active', 'paused', 'retired')),
  status_since TIMESTAMP NOT NULL,
  activity_profile TEXT,
  availability TEXT,
  consent TEXT NOT NULL DEFAULT 'none' CHECK (consent IN ('none', 'name_fields', 'contact')),
  consent_at TIMESTAMP,
  consent_text_version TEXT,
  -- true while the mentor appears in the public listing (consent given and status certified or active)
  listed BOOLEAN NOT NULL DEFAULT FALSE,
  -- last change of what the public listing shows of this mentor
  public_modified_at TIMESTAMP NOT NULL
);
CREATE INDEX mentors_listed ON mentors (listed, public_modified_at, person_id);

CREATE TABLE mentor_status_history (
  id INTEGER PRIMARY KEY NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  changed_at TIMESTAMP NOT NULL
);
CREATE INDEX mentor_status_history_person ON mentor_status_history (person_id);

CREATE TABLE consent_history (
  id INTEGER PRIMARY KEY NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  level TEXT NOT NULL,
  text_version TEXT NOT NULL,
  recorded_at TIMESTAMP NOT NULL,
  recorded_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX consent_history_person ON consent_history (person_id);

CREATE TABLE mentor_fields (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  field_id BIGINT NOT NULL REFERENCES fields_of_activity (id),
  PRIMARY KEY (person_id, field_id)
);
CREATE INDEX mentor_fields_field ON mentor_fields (field_id, person_id);

CREATE TABLE mentor_municipalities (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  municipality_ags TEXT NOT NULL REFERENCES municipalities (ags),
  PRIMARY KEY (person_id, municipality_ags)
);
CREATE INDEX mentor_municipalities_ags ON mentor_municipalities (municipality_ags, person_id);

CREATE TABLE mentor_organisations (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, organisation_id)
);

-- Target groups (Zielgruppen) and themes (Themen) of a mentor profile.
CREATE TABLE mentor_tags (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('target_group', 'theme')),
  tag TEXT NOT NULL,
  PRIMARY KEY (person_id, kind, tag)
);

CREATE TABLE trainers (
  person_id BIGINT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('professional', 'citizen')),
  employer_organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
  qualified_since DATE,
  tandem_partner_id BIGINT REFERENCES people (id) ON DELETE SET NULL
);

-- A mentor who left the public listing (withdrawal, status change, deletion, merge).
CREATE TABLE public_tombstones (
  person_id BIGINT NOT NULL,
  deleted_at TIMESTAMP NOT NULL,
  PRIMARY KEY (person_id, deleted_at)
);
CREATE INDEX public_tombstones_time ON public_tombstones (deleted_at, person_id);
