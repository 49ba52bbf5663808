DROP TABLE invitations;
DROP TABLE account_areas;
ALTER TABLE accounts DROP COLUMN person_id;
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('admin', 'staff'));
