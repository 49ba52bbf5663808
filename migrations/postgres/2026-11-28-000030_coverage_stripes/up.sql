-- Every writer of mentors, their places or fields bumped the coverage generation in the one
-- publication row at commit, so writers committed one at a time (16 writers creating mentors:
-- 356 a second). The coverage generation is now publication_state.coverage_generation plus
-- the sum of 32 stripes, and a transaction bumps the stripe of its connection: writers on
-- different connections no longer wait for each other. Readers add the stripes up in their
-- snapshot; the sum grows with every committed change, and as commits become visible in one
-- order, one sum names one state of the data.
CREATE TABLE coverage_stripes (
  stripe INTEGER PRIMARY KEY,
  generation BIGINT NOT NULL DEFAULT 0
);
INSERT INTO coverage_stripes (stripe) SELECT s FROM generate_series(0, 31) AS s;

CREATE OR REPLACE FUNCTION bump_coverage_generation() RETURNS trigger AS $$
BEGIN
  IF current_setting('mentorat.coverage_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('mentorat.coverage_bumped', txid_current()::text, true);
    UPDATE coverage_stripes SET generation = generation + 1 WHERE stripe = pg_backend_pid() % 32;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
