DROP INDEX mentors_listed_name;
ALTER TABLE mentors DROP COLUMN sort_name;
