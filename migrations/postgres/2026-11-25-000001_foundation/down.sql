DROP TABLE organisation_roles;
DROP TABLE organisation_fields;
DROP TABLE organisations;
DROP TABLE municipalities;
DROP TABLE districts;
DROP TABLE fields_of_activity;
DROP TABLE accounts;
DROP TABLE settings;
