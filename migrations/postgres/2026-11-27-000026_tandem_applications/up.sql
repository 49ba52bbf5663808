-- A professional and a citizen applying together, as a trainer tandem, for a
-- Mentorentrainerkurs, with the local Mentorenkurs they plan to run (municipality, period,
-- venue). Each partner confirms with their own link (double opt-in; only the hash is stored,
-- single-use, expiring like registrations); with both confirmed the application waits for
-- staff ('submitted'). Accepting matches or creates both people as trainers in training,
-- creates the local course as a draft led by them and enrols them as one tandem.
-- Unconfirmed applications are deleted once their links have expired.
CREATE TABLE tandem_applications (
  id BIGSERIAL PRIMARY KEY,
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  municipality_ags TEXT NOT NULL REFERENCES municipalities (ags),
  planned_start DATE NOT NULL,
  planned_end DATE NOT NULL,
  venue TEXT NOT NULL,
  employer TEXT,
  motivation TEXT,
  language TEXT NOT NULL CHECK (language IN ('de', 'en')),
  consent_text_version TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('unconfirmed', 'submitted', 'accepted', 'declined')),
  confirm_expires_at TIMESTAMP NOT NULL,
  local_course_id BIGINT REFERENCES courses (id) ON DELETE SET NULL,
  decision_reason TEXT,
  decided_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX tandem_applications_state ON tandem_applications (state, id);
CREATE INDEX tandem_applications_expiry ON tandem_applications (state, confirm_expires_at);

-- The two partners of an application, one row each.
CREATE TABLE tandem_applicants (
  application_id BIGINT NOT NULL REFERENCES tandem_applications (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('professional', 'citizen')),
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT,
  consented_at TIMESTAMP NOT NULL,
  confirm_token_hash TEXT UNIQUE,
  confirmed_at TIMESTAMP,
  person_id BIGINT REFERENCES people (id) ON DELETE CASCADE,
  PRIMARY KEY (application_id, kind)
);
CREATE INDEX tandem_applicants_person ON tandem_applicants (person_id);
