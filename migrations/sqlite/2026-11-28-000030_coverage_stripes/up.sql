-- PostgreSQL spreads the coverage generation over stripes, so concurrent writers do not wait
-- for each other (see its migration). SQLite has one writer at a time: its triggers keep
-- bumping publication_state.coverage_generation, and the table stays empty, so the same
-- query reads the generation on both databases.
CREATE TABLE coverage_stripes (
  stripe INTEGER PRIMARY KEY,
  generation BIGINT NOT NULL DEFAULT 0
);
