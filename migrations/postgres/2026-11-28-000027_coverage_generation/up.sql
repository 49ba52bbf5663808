-- The coverage generation: a counter that every change coverage depends on increases in the
-- same transaction (active mentors, where they work, their fields, the municipalities and
-- districts), so coverage is computed once per generation and served from memory until then.
-- Triggers keep it, so no code path that writes those tables can forget it. It lives in the
-- publication row, so a writer that touches both takes one lock, never two in either order.
ALTER TABLE publication_state ADD COLUMN coverage_generation BIGINT NOT NULL DEFAULT 0;

-- Once per transaction, at its commit: the row is held only while the transaction commits,
-- not while it writes, and a transaction writing many rows updates it once.
CREATE FUNCTION bump_coverage_generation() RETURNS trigger AS $$
BEGIN
  IF current_setting('mentorat.coverage_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('mentorat.coverage_bumped', txid_current()::text, true);
    UPDATE publication_state SET coverage_generation = coverage_generation + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER mentors_coverage AFTER INSERT OR DELETE OR UPDATE OF status ON mentors
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_coverage_generation();
CREATE CONSTRAINT TRIGGER mentor_municipalities_coverage AFTER INSERT OR UPDATE OR DELETE ON mentor_municipalities
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_coverage_generation();
CREATE CONSTRAINT TRIGGER mentor_fields_coverage AFTER INSERT OR UPDATE OR DELETE ON mentor_fields
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_coverage_generation();
CREATE CONSTRAINT TRIGGER municipalities_coverage AFTER INSERT OR UPDATE OR DELETE ON municipalities
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_coverage_generation();
CREATE CONSTRAINT TRIGGER districts_coverage AFTER INSERT OR UPDATE OR DELETE ON districts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_coverage_generation();
