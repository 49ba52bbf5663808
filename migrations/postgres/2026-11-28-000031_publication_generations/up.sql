-- The generations every request reads on checking out a connection, as a view: the server's
-- query is then a plain table query, prepared once per connection, not a statement parsed
-- and planned on every request.
CREATE VIEW publication_generations AS
SELECT generation AS listing,
       coverage_generation + (SELECT COALESCE(SUM(generation), 0) FROM coverage_stripes)::BIGINT AS coverage
FROM publication_state;
