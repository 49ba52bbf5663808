-- Searches match folded texts anywhere inside (`LIKE '%…%'`), which a B-tree cannot serve:
-- FTS5 tables with the trigram tokenizer can, for every term of three letters or more
-- (`text::in_trigram_index`). They hold no text of their own (external content): triggers
-- keep their index in step with the tables' search texts. `secure-delete` takes an erased
-- person's trigrams out of the index at once, not at the next merge.

CREATE VIRTUAL TABLE people_search USING fts5(
  search_text, content = 'people', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO people_search (people_search, rank) VALUES ('secure-delete', 1);
INSERT INTO people_search (people_search) VALUES ('rebuild');
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_search (people_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF search_text ON people BEGIN
  INSERT INTO people_search (people_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO people_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE VIRTUAL TABLE organisations_search USING fts5(
  search_text, content = 'organisations', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO organisations_search (organisations_search, rank) VALUES ('secure-delete', 1);
INSERT INTO organisations_search (organisations_search) VALUES ('rebuild');
CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations BEGIN
  INSERT INTO organisations_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER organisations_search_delete AFTER DELETE ON organisations BEGIN
  INSERT INTO organisations_search (organisations_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER organisations_search_update AFTER UPDATE OF search_text ON organisations BEGIN
  INSERT INTO organisations_search (organisations_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO organisations_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
