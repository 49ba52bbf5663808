-- Courses (Mentorenkurs, Mentorentrainerkurs), their trainers, topics and sessions.

CREATE TABLE courses (
  id INTEGER PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('mentor_course', 'trainer_course')),
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('planned', 'registration_open', 'full', 'running', 'completed', 'cancelled')),
  venue_name TEXT,
  venue_address TEXT,
  venue_organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
  municipality_ags TEXT REFERENCES municipalities (ags),
  provider_organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
  commissioning_organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
  funder_organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
  required_hours REAL NOT NULL,
  capacity BIGINT NOT NULL CHECK (capacity > 0),
  registration_deadline DATE,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX courses_status ON courses (status);
CREATE INDEX courses_municipality ON courses (municipality_ags);

CREATE TABLE course_trainers (
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people (id),
  PRIMARY KEY (course_id, person_id)
);

CREATE TABLE course_topics (
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  topic TEXT NOT NULL,
  PRIMARY KEY (course_id, position)
);

CREATE TABLE course_sessions (
  id INTEGER PRIMARY KEY NOT NULL,
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  session_date DATE,
  start_time TIME,
  end_time TIME,
  topic TEXT,
  room TEXT
);
CREATE INDEX course_sessions_course ON course_sessions (course_id, session_date);
