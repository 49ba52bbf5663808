-- The accompaniment year after a Mentorenkurs: the trainers' meetings with the new mentors
-- (Begleittreffen) and who attended. Attendance hangs on the enrolment, so it survives the
-- anonymisation of an erased person and keeps counting in the reports.
CREATE TABLE accompaniment_meetings (
  id INTEGER PRIMARY KEY NOT NULL,
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  meeting_date DATE NOT NULL,
  place TEXT,
  topic TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX accompaniment_meetings_course ON accompaniment_meetings (course_id, meeting_date);
CREATE INDEX accompaniment_meetings_date ON accompaniment_meetings (meeting_date);
CREATE TABLE accompaniment_attendance (
  meeting_id BIGINT NOT NULL REFERENCES accompaniment_meetings (id) ON DELETE CASCADE,
  enrolment_id BIGINT NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, enrolment_id)
);
CREATE INDEX accompaniment_attendance_enrolment ON accompaniment_attendance (enrolment_id);
