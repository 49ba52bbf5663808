-- PostgreSQL's migration of this name adds a lock between mentor status changes and counts of
-- mentor figures; on SQLite the database's single writer already keeps them apart.
SELECT 1;
