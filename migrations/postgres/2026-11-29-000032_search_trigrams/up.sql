-- Searches match folded texts anywhere inside (`LIKE '%…%'`), which a B-tree cannot serve:
-- trigram indexes can, for every term of three letters or more. pg_trgm is a trusted
-- extension (PostgreSQL 13+), so the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX people_search_trigrams ON people USING gin (search_text gin_trgm_ops);
CREATE INDEX organisations_search_trigrams ON organisations USING gin (search_text gin_trgm_ops);
CREATE INDEX municipalities_name_trigrams ON municipalities USING gin (sort_name gin_trgm_ops);
