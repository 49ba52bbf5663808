-- A counter that every change to the public listing increases in the same transaction; the
-- servers cache public responses per generation, so a withdrawal is never served from a cache.
CREATE TABLE publication_state (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  generation BIGINT NOT NULL
);
INSERT INTO publication_state (id, generation) VALUES (1, 0);
