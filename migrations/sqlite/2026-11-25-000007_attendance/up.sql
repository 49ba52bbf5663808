-- Attendance per enrolment and session. It hangs on the session's id, so moving a session
-- keeps it; hours are stored only for partial attendance (present counts the session's hours).
CREATE TABLE attendance (
  enrolment_id BIGINT NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  session_id BIGINT NOT NULL REFERENCES course_sessions (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('present', 'partial', 'excused', 'absent')),
  hours REAL,
  PRIMARY KEY (enrolment_id, session_id)
);
CREATE INDEX attendance_session ON attendance (session_id);
