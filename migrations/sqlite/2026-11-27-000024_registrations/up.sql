-- Citizens registering themselves for a Mentorenkurs (double opt-in). A registration takes no
-- place until its confirmation link is clicked; then it becomes an enrolment (a place or the
-- waitlist, in order of confirmation) of a matched or new person. Only hashes of the links'
-- tokens are stored: the confirmation token is single-use and expires; the status token opens
-- the registrant's personal page. Unconfirmed registrations are deleted after they expire.
-- `review` is 'open' when the person may already have been recorded (same e-mail with another
-- name, or same name and municipality): staff decide whether to merge.
CREATE TABLE registrations (
  id INTEGER PRIMARY KEY NOT NULL,
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  email TEXT NOT NULL,
  municipality_ags TEXT NOT NULL REFERENCES municipalities (ags),
  phone TEXT,
  motivation TEXT,
  language TEXT NOT NULL CHECK (language IN ('de', 'en')),
  consent_text_version TEXT NOT NULL,
  consented_at TIMESTAMP NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('unconfirmed', 'confirmed', 'cancelled')),
  confirm_token_hash TEXT UNIQUE,
  confirm_expires_at TIMESTAMP NOT NULL,
  status_token_hash TEXT UNIQUE,
  confirmed_at TIMESTAMP,
  person_id BIGINT REFERENCES people (id) ON DELETE CASCADE,
  enrolment_id BIGINT REFERENCES enrolments (id) ON DELETE SET NULL,
  review TEXT CHECK (review IN ('open', 'done')),
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX registrations_expiry ON registrations (state, confirm_expires_at);
CREATE INDEX registrations_review ON registrations (review, id);
CREATE INDEX registrations_enrolment ON registrations (enrolment_id);
CREATE INDEX registrations_person ON registrations (person_id);
