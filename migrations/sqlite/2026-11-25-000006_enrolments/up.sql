-- Enrolments: a person's place or waitlist entry in a course. Places are given out inside a
-- transaction that holds the course (BEGIN IMMEDIATE on SQLite, SELECT … FOR UPDATE on
-- PostgreSQL), so the capacity holds under concurrent registrations and across servers.
CREATE TABLE enrolments (
  id INTEGER PRIMARY KEY NOT NULL,
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('registered', 'confirmed', 'waitlisted', 'cancelled', 'completed', 'dropped_out')),
  tandem_partner_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
  local_course_id BIGINT REFERENCES courses (id) ON DELETE SET NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  UNIQUE (course_id, person_id)
);
CREATE INDEX enrolments_course_status ON enrolments (course_id, status, id);
