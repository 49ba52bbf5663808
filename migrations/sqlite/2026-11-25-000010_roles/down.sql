DROP TABLE invitations;
DROP TABLE account_areas;
DROP INDEX accounts_person;
ALTER TABLE accounts DROP COLUMN person_id;
