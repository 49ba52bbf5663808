-- The generations every request reads on checking out a connection, as on PostgreSQL (where
-- the coverage generation adds up the stripes; here they stay empty).
CREATE VIEW publication_generations AS
SELECT generation AS listing, coverage_generation AS coverage FROM publication_state;
