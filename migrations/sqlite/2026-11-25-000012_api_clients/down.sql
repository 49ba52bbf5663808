ALTER TABLE audit_log DROP COLUMN client_id;
DROP TABLE api_clients;
