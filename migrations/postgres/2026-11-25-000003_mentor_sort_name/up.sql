-- The public listing pages by name without joining people: the mentor row carries the
-- person's sort key, and one index serves "listed, by name".
ALTER TABLE mentors ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
UPDATE mentors SET sort_name = (SELECT people.sort_name FROM people WHERE people.id = mentors.person_id);
CREATE INDEX mentors_listed_name ON mentors (listed, sort_name, person_id);
