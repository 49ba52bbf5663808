UPDATE publication_state SET coverage_generation = coverage_generation + (SELECT SUM(generation) FROM coverage_stripes);
CREATE OR REPLACE FUNCTION bump_coverage_generation() RETURNS trigger AS $$
BEGIN
  IF current_setting('mentorat.coverage_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('mentorat.coverage_bumped', txid_current()::text, true);
    UPDATE publication_state SET coverage_generation = coverage_generation + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TABLE coverage_stripes;
