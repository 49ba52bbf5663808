-- The public listing searches mentors by name, and by name only: `search_text` also holds
-- e-mail addresses and places, which the listing must not let anyone probe. `name_key` is the
-- folded "given family" (`text::search_key`), filled at start by the search-key refresh, with
-- an FTS5 trigram index kept by triggers like `people_search`.
ALTER TABLE people ADD COLUMN name_key TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE people_names USING fts5(
  name_key, content = 'people', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO people_names (people_names, rank) VALUES ('secure-delete', 1);
INSERT INTO people_names (people_names) VALUES ('rebuild');
CREATE TRIGGER people_names_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_names (rowid, name_key) VALUES (new.id, new.name_key);
END;
CREATE TRIGGER people_names_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_names (people_names, rowid, name_key) VALUES ('delete', old.id, old.name_key);
END;
CREATE TRIGGER people_names_update AFTER UPDATE OF name_key ON people BEGIN
  INSERT INTO people_names (people_names, rowid, name_key) VALUES ('delete', old.id, old.name_key);
  INSERT INTO people_names (rowid, name_key) VALUES (new.id, new.name_key);
END;
