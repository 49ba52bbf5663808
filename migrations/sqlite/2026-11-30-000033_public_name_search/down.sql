DROP TRIGGER people_names_update;
DROP TRIGGER people_names_delete;
DROP TRIGGER people_names_insert;
DROP TABLE people_names;
ALTER TABLE people DROP COLUMN name_key;
