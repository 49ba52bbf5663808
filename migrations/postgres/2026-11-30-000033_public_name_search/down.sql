DROP INDEX people_name_trigrams;
ALTER TABLE people DROP COLUMN name_key;
