-- Each status row knows until when it held (the next row's time, in (changed_at, id) order), so
-- "active at a given moment" is a range condition the reports evaluate in one pass instead of
-- looking for the latest row per mentor again for every moment and area. Triggers keep it right
-- for every write: the app's, the seeding's, merges that move rows, deletions.
ALTER TABLE mentor_status_history ADD COLUMN valid_until TIMESTAMP;
CREATE INDEX mentor_status_history_order ON mentor_status_history (person_id, changed_at, id);

CREATE FUNCTION mentor_status_history_periods() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE mentor_status_history h SET valid_until = (
    SELECT MIN(n.changed_at) FROM mentor_status_history n
    WHERE n.person_id = h.person_id
      AND (n.changed_at > h.changed_at OR (n.changed_at = h.changed_at AND n.id > h.id)))
  WHERE h.person_id IN (
    CASE WHEN TG_OP = 'DELETE' THEN OLD.person_id ELSE NEW.person_id END,
    CASE WHEN TG_OP = 'INSERT' THEN NEW.person_id ELSE OLD.person_id END);
  RETURN NULL;
END $$;

CREATE TRIGGER mentor_status_history_inserted AFTER INSERT ON mentor_status_history
  FOR EACH ROW EXECUTE FUNCTION mentor_status_history_periods();
CREATE TRIGGER mentor_status_history_moved AFTER UPDATE OF person_id, changed_at ON mentor_status_history
  FOR EACH ROW EXECUTE FUNCTION mentor_status_history_periods();
CREATE TRIGGER mentor_status_history_deleted AFTER DELETE ON mentor_status_history
  FOR EACH ROW EXECUTE FUNCTION mentor_status_history_periods();

UPDATE mentor_status_history h SET valid_until = (
  SELECT MIN(n.changed_at) FROM mentor_status_history n
  WHERE n.person_id = h.person_id
    AND (n.changed_at > h.changed_at OR (n.changed_at = h.changed_at AND n.id > h.id)));
