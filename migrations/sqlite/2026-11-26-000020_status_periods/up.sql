-- Each status row knows until when it held (the next row's time, in (changed_at, id) order), so
-- "active at a given moment" is a range condition the reports evaluate in one pass instead of
-- looking for the latest row per mentor again for every moment and area. Triggers keep it right
-- for every write: the app's, the seeding's, merges that move rows, deletions.
ALTER TABLE mentor_status_history ADD COLUMN valid_until TIMESTAMP;
CREATE INDEX mentor_status_history_order ON mentor_status_history (person_id, changed_at, id);

CREATE TRIGGER mentor_status_history_inserted AFTER INSERT ON mentor_status_history BEGIN
  UPDATE mentor_status_history SET valid_until = (SELECT MIN(n.changed_at) FROM mentor_status_history n
    WHERE n.person_id = mentor_status_history.person_id
      AND (n.changed_at > mentor_status_history.changed_at
        OR (n.changed_at = mentor_status_history.changed_at AND n.id > mentor_status_history.id)))
  WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER mentor_status_history_moved AFTER UPDATE OF person_id, changed_at ON mentor_status_history BEGIN
  UPDATE mentor_status_history SET valid_until = (SELECT MIN(n.changed_at) FROM mentor_status_history n
    WHERE n.person_id = mentor_status_history.person_id
      AND (n.changed_at > mentor_status_history.changed_at
        OR (n.changed_at = mentor_status_history.changed_at AND n.id > mentor_status_history.id)))
  WHERE person_id IN (NEW.person_id, OLD.person_id);
END;
CREATE TRIGGER mentor_status_history_deleted AFTER DELETE ON mentor_status_history BEGIN
  UPDATE mentor_status_history SET valid_until = (SELECT MIN(n.changed_at) FROM mentor_status_history n
    WHERE n.person_id = mentor_status_history.person_id
      AND (n.changed_at > mentor_status_history.changed_at
        OR (n.changed_at = mentor_status_history.changed_at AND n.id > mentor_status_history.id)))
  WHERE person_id = OLD.person_id;
END;

UPDATE mentor_status_history SET valid_until = (SELECT MIN(n.changed_at) FROM mentor_status_history n
    WHERE n.person_id = mentor_status_history.person_id
      AND (n.changed_at > mentor_status_history.changed_at
        OR (n.changed_at = mentor_status_history.changed_at AND n.id > mentor_status_history.id)));
