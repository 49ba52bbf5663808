-- Certificates: the register of issued Abschlusszertifikate. What the certificate states is
-- kept as issued (name, course, dates, hours, topics, provider), so later edits of the course
-- or the person do not change a document already handed out. The register entry is kept for
-- legal retention: people and enrolments with a certificate cannot be deleted.
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY NOT NULL,
  serial TEXT NOT NULL UNIQUE,
  verification_code TEXT NOT NULL UNIQUE,
  enrolment_id BIGINT NOT NULL UNIQUE REFERENCES enrolments (id) ON DELETE RESTRICT,
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE RESTRICT,
  course_kind TEXT NOT NULL CHECK (course_kind IN ('mentor_course', 'trainer_course')),
  holder_name TEXT NOT NULL,
  course_title TEXT NOT NULL,
  first_date DATE,
  last_date DATE,
  place TEXT,
  hours REAL NOT NULL,
  topics TEXT NOT NULL,
  provider TEXT,
  issued_on DATE NOT NULL,
  issued_at TIMESTAMP NOT NULL,
  issued_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX certificates_course ON certificates (course_id);
CREATE INDEX certificates_person ON certificates (person_id);

