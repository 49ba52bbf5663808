-- The public listing searches mentors by name, and by name only: `search_text` also holds
-- e-mail addresses and places, which the listing must not let anyone probe. `name_key` is the
-- folded "given family" (`text::search_key`), filled at start by the search-key refresh.
ALTER TABLE people ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX people_name_trigrams ON people USING gin (name_key gin_trgm_ops);
