-- The coverage generation: a counter that every change coverage depends on increases in the
-- same transaction (active mentors, where they work, their fields, the municipalities and
-- districts), so coverage is computed once per generation and served from memory until then.
-- Triggers keep it, so no code path that writes those tables can forget it. It lives in the
-- publication row, so a writer that touches both takes one lock, never two in either order.
ALTER TABLE publication_state ADD COLUMN coverage_generation BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER mentors_coverage_inserted AFTER INSERT ON mentors BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER mentors_coverage_deleted AFTER DELETE ON mentors BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER mentors_coverage_changed AFTER UPDATE OF status ON mentors BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER mentor_municipalities_coverage_inserted AFTER INSERT ON mentor_municipalities BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER mentor_municipalities_coverage_deleted AFTER DELETE ON mentor_municipalities BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER mentor_municipalities_coverage_changed AFTER UPDATE ON mentor_municipalities BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER mentor_fields_coverage_inserted AFTER INSERT ON mentor_fields BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER mentor_fields_coverage_deleted AFTER DELETE ON mentor_fields BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER mentor_fields_coverage_changed AFTER UPDATE ON mentor_fields BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER municipalities_coverage_inserted AFTER INSERT ON municipalities BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER municipalities_coverage_deleted AFTER DELETE ON municipalities BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER municipalities_coverage_changed AFTER UPDATE ON municipalities BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER districts_coverage_inserted AFTER INSERT ON districts BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER districts_coverage_deleted AFTER DELETE ON districts BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
CREATE TRIGGER districts_coverage_changed AFTER UPDATE ON districts BEGIN
  UPDATE publication_state SET coverage_generation = coverage_generation + 1;
END;
