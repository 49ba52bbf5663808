-- What the programme report reads, kept by triggers so a report for a year with 10,000 courses
-- reads one narrow row per course (and per course and month for hours) instead of every
-- session, enrolment and certificate; and the mentor figures of a period, recorded when first
-- counted.

-- One row per course: what the report groups by, when the course started (its first dated
-- session), and its enrolments per state (which states count as "started" stays a rule in Rust).
CREATE TABLE course_figures (
  course_id INTEGER PRIMARY KEY NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  district_key TEXT NOT NULL,
  completed_on DATE,
  first_session_date DATE,
  enrolments_registered BIGINT NOT NULL DEFAULT 0,
  enrolments_confirmed BIGINT NOT NULL DEFAULT 0,
  enrolments_waitlisted BIGINT NOT NULL DEFAULT 0,
  enrolments_cancelled BIGINT NOT NULL DEFAULT 0,
  enrolments_completed BIGINT NOT NULL DEFAULT 0,
  enrolments_dropped_out BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX course_figures_first_session_date ON course_figures (first_session_date);
CREATE INDEX course_figures_completed_on ON course_figures (completed_on);

-- Seconds of sessions per course and calendar month (periods are whole months), with what the
-- report groups by copied from the course, so a year's hours are one index range.
CREATE TABLE course_month_hours (
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  month DATE NOT NULL,
  seconds DOUBLE NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  district_key TEXT NOT NULL,
  PRIMARY KEY (course_id, month)
);
CREATE INDEX course_month_hours_month ON course_month_hours (month, district_key, kind, status, seconds);
CREATE INDEX course_sessions_date ON course_sessions (session_date);

-- Certificates per course and day of issue, revoked ones included (revocations are few and
-- are subtracted by date when a report is made).
CREATE TABLE course_certificate_counts (
  course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  issued_on DATE NOT NULL,
  certificates BIGINT NOT NULL,
  PRIMARY KEY (course_id, issued_on)
);
CREATE INDEX course_certificate_counts_issued ON course_certificate_counts (issued_on, course_id, certificates);
CREATE INDEX certificates_revoked ON certificates (revoked_on) WHERE revoked_on IS NOT NULL;
CREATE INDEX courses_completed_on ON courses (completed_on) WHERE completed_on IS NOT NULL;
CREATE INDEX enrolments_tandems ON enrolments (course_id) WHERE tandem_partner_id IS NOT NULL;

-- Mentor figures as counted at the moments of a period: its start, `as_of` (its end, or the hour
-- a report was asked for while it runs: `running`) and the previous period's end. Recorded once,
-- read by every later report; counts of a running period are replaced the next hour. A change to
-- the status history before `as_of` removes them, so corrections are counted again.
CREATE TABLE mentor_figures (
  period_from TIMESTAMP NOT NULL,
  as_of TIMESTAMP NOT NULL,
  previous_as_of TIMESTAMP NOT NULL,
  dimension TEXT NOT NULL,
  area TEXT NOT NULL,
  new BIGINT NOT NULL,
  now BIGINT NOT NULL,
  before BIGINT NOT NULL,
  running BOOLEAN NOT NULL,
  PRIMARY KEY (period_from, as_of, previous_as_of, dimension, area)
);
CREATE INDEX mentor_figures_as_of ON mentor_figures (as_of);

-- Triggers: the same rules as PostgreSQL's functions, one trigger per kind of write.
CREATE TRIGGER courses_figures_inserted AFTER INSERT ON courses BEGIN
  INSERT INTO course_figures (course_id, kind, status, district_key, completed_on)
    VALUES (NEW.id, NEW.kind, NEW.status,
      COALESCE((SELECT district_key FROM municipalities WHERE ags = NEW.municipality_ags), ''),
      NEW.completed_on);
END;
CREATE TRIGGER courses_figures_changed AFTER UPDATE OF kind, status, municipality_ags, completed_on ON courses BEGIN
  UPDATE course_figures SET kind = NEW.kind, status = NEW.status,
    district_key = COALESCE((SELECT district_key FROM municipalities WHERE ags = NEW.municipality_ags), ''),
    completed_on = NEW.completed_on
  WHERE course_id = NEW.id;
  UPDATE course_month_hours SET kind = NEW.kind, status = NEW.status,
    district_key = COALESCE((SELECT district_key FROM municipalities WHERE ags = NEW.municipality_ags), '')
  WHERE course_id = NEW.id;
END;
CREATE TRIGGER course_sessions_figures_inserted AFTER INSERT ON course_sessions BEGIN
  UPDATE course_figures SET first_session_date = (SELECT MIN(session_date) FROM course_sessions s
    WHERE s.course_id = course_figures.course_id) WHERE course_id IN (NEW.course_id);
  DELETE FROM course_month_hours WHERE course_id IN (NEW.course_id);
  INSERT INTO course_month_hours (course_id, month, seconds, kind, status, district_key)
    SELECT s.course_id, date(s.session_date, 'start of month'), SUM(CASE WHEN s.end_time > s.start_time THEN strftime('%s', s.end_time) - strftime('%s', s.start_time) ELSE 0 END), f.kind, f.status, f.district_key
    FROM course_sessions s JOIN course_figures f ON f.course_id = s.course_id
    WHERE s.course_id IN (NEW.course_id) AND s.session_date IS NOT NULL
    GROUP BY s.course_id, date(s.session_date, 'start of month'), f.kind, f.status, f.district_key;
END;
CREATE TRIGGER course_sessions_figures_deleted AFTER DELETE ON course_sessions BEGIN
  UPDATE course_figures SET first_session_date = (SELECT MIN(session_date) FROM course_sessions s
    WHERE s.course_id = course_figures.course_id) WHERE course_id IN (OLD.course_id);
  DELETE FROM course_month_hours WHERE course_id IN (OLD.course_id);
  INSERT INTO course_month_hours (course_id, month, seconds, kind, status, district_key)
    SELECT s.course_id, date(s.session_date, 'start of month'), SUM(CASE WHEN s.end_time > s.start_time THEN strftime('%s', s.end_time) - strftime('%s', s.start_time) ELSE 0 END), f.kind, f.status, f.district_key
    FROM course_sessions s JOIN course_figures f ON f.course_id = s.course_id
    WHERE s.course_id IN (OLD.course_id) AND s.session_date IS NOT NULL
    GROUP BY s.course_id, date(s.session_date, 'start of month'), f.kind, f.status, f.district_key;
END;
CREATE TRIGGER course_sessions_figures_changed AFTER UPDATE OF course_id, session_date, start_time, end_time ON course_sessions BEGIN
  UPDATE course_figures SET first_session_date = (SELECT MIN(session_date) FROM course_sessions s
    WHERE s.course_id = course_figures.course_id) WHERE course_id IN (NEW.course_id, OLD.course_id);
  DELETE FROM course_month_hours WHERE course_id IN (NEW.course_id, OLD.course_id);
  INSERT INTO course_month_hours (course_id, month, seconds, kind, status, district_key)
    SELECT s.course_id, date(s.session_date, 'start of month'), SUM(CASE WHEN s.end_time > s.start_time THEN strftime('%s', s.end_time) - strftime('%s', s.start_time) ELSE 0 END), f.kind, f.status, f.district_key
    FROM course_sessions s JOIN course_figures f ON f.course_id = s.course_id
    WHERE s.course_id IN (NEW.course_id, OLD.course_id) AND s.session_date IS NOT NULL
    GROUP BY s.course_id, date(s.session_date, 'start of month'), f.kind, f.status, f.district_key;
END;
CREATE TRIGGER enrolments_figures_inserted AFTER INSERT ON enrolments BEGIN
  UPDATE course_figures SET
    enrolments_registered = enrolments_registered + (NEW.status = 'registered'),
    enrolments_confirmed = enrolments_confirmed + (NEW.status = 'confirmed'),
    enrolments_waitlisted = enrolments_waitlisted + (NEW.status = 'waitlisted'),
    enrolments_cancelled = enrolments_cancelled + (NEW.status = 'cancelled'),
    enrolments_completed = enrolments_completed + (NEW.status = 'completed'),
    enrolments_dropped_out = enrolments_dropped_out + (NEW.status = 'dropped_out')
  WHERE course_id = NEW.course_id;
END;
CREATE TRIGGER enrolments_figures_deleted AFTER DELETE ON enrolments BEGIN
  UPDATE course_figures SET
    enrolments_registered = enrolments_registered - (OLD.status = 'registered'),
    enrolments_confirmed = enrolments_confirmed - (OLD.status = 'confirmed'),
    enrolments_waitlisted = enrolments_waitlisted - (OLD.status = 'waitlisted'),
    enrolments_cancelled = enrolments_cancelled - (OLD.status = 'cancelled'),
    enrolments_completed = enrolments_completed - (OLD.status = 'completed'),
    enrolments_dropped_out = enrolments_dropped_out - (OLD.status = 'dropped_out')
  WHERE course_id = OLD.course_id;
END;
CREATE TRIGGER enrolments_figures_changed AFTER UPDATE OF course_id, status ON enrolments BEGIN
  UPDATE course_figures SET
    enrolments_registered = enrolments_registered - (OLD.status = 'registered'),
    enrolments_confirmed = enrolments_confirmed - (OLD.status = 'confirmed'),
    enrolments_waitlisted = enrolments_waitlisted - (OLD.status = 'waitlisted'),
    enrolments_cancelled = enrolments_cancelled - (OLD.status = 'cancelled'),
    enrolments_completed = enrolments_completed - (OLD.status = 'completed'),
    enrolments_dropped_out = enrolments_dropped_out - (OLD.status = 'dropped_out')
  WHERE course_id = OLD.course_id;
  UPDATE course_figures SET
    enrolments_registered = enrolments_registered + (NEW.status = 'registered'),
    enrolments_confirmed = enrolments_confirmed + (NEW.status = 'confirmed'),
    enrolments_waitlisted = enrolments_waitlisted + (NEW.status = 'waitlisted'),
    enrolments_cancelled = enrolments_cancelled + (NEW.status = 'cancelled'),
    enrolments_completed = enrolments_completed + (NEW.status = 'completed'),
    enrolments_dropped_out = enrolments_dropped_out + (NEW.status = 'dropped_out')
  WHERE course_id = NEW.course_id;
END;
CREATE TRIGGER certificates_figures_inserted AFTER INSERT ON certificates BEGIN
  INSERT INTO course_certificate_counts (course_id, issued_on, certificates) VALUES (NEW.course_id, NEW.issued_on, 1)
    ON CONFLICT (course_id, issued_on) DO UPDATE SET certificates = certificates + 1;
END;
CREATE TRIGGER certificates_figures_deleted AFTER DELETE ON certificates BEGIN
  UPDATE course_certificate_counts SET certificates = certificates - 1
    WHERE course_id = OLD.course_id AND issued_on = OLD.issued_on;
END;
CREATE TRIGGER certificates_figures_changed AFTER UPDATE OF course_id, issued_on ON certificates BEGIN
  UPDATE course_certificate_counts SET certificates = certificates - 1
    WHERE course_id = OLD.course_id AND issued_on = OLD.issued_on;
  INSERT INTO course_certificate_counts (course_id, issued_on, certificates) VALUES (NEW.course_id, NEW.issued_on, 1)
    ON CONFLICT (course_id, issued_on) DO UPDATE SET certificates = certificates + 1;
END;
CREATE TRIGGER mentor_figures_stale_inserted AFTER INSERT ON mentor_status_history BEGIN
  DELETE FROM mentor_figures WHERE as_of > NEW.changed_at;
END;
CREATE TRIGGER mentor_figures_stale_deleted AFTER DELETE ON mentor_status_history BEGIN
  DELETE FROM mentor_figures WHERE as_of > OLD.changed_at;
END;
CREATE TRIGGER mentor_figures_stale_changed AFTER UPDATE OF person_id, status, changed_at ON mentor_status_history BEGIN
  DELETE FROM mentor_figures WHERE as_of > MIN(NEW.changed_at, OLD.changed_at);
END;

INSERT INTO course_figures (course_id, kind, status, district_key, completed_on, first_session_date,
    enrolments_registered, enrolments_confirmed, enrolments_waitlisted, enrolments_cancelled,
    enrolments_completed, enrolments_dropped_out)
  SELECT c.id, c.kind, c.status, COALESCE(m.district_key, ''), c.completed_on,
    (SELECT MIN(session_date) FROM course_sessions s WHERE s.course_id = c.id),
    (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'registered'),
    (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'confirmed'),
    (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'waitlisted'),
    (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'cancelled'),
    (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'completed'),
    (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'dropped_out')
  FROM courses c LEFT JOIN municipalities m ON m.ags = c.municipality_ags;
INSERT INTO course_month_hours (course_id, month, seconds, kind, status, district_key)
  SELECT s.course_id, date(s.session_date, 'start of month'),
    SUM(CASE WHEN s.end_time > s.start_time THEN strftime('%s', s.end_time) - strftime('%s', s.start_time) ELSE 0 END),
    f.kind, f.status, f.district_key
  FROM course_sessions s JOIN course_figures f ON f.course_id = s.course_id
  WHERE s.session_date IS NOT NULL GROUP BY 1, 2, f.kind, f.status, f.district_key;
INSERT INTO course_certificate_counts (course_id, issued_on, certificates)
  SELECT course_id, issued_on, COUNT(*) FROM certificates GROUP BY 1, 2;
