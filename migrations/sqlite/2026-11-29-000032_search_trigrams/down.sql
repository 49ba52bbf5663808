DROP TRIGGER people_search_update;
DROP TRIGGER people_search_delete;
DROP TRIGGER people_search_insert;
DROP TABLE people_search;
DROP TRIGGER organisations_search_update;
DROP TRIGGER organisations_search_delete;
DROP TRIGGER organisations_search_insert;
DROP TABLE organisations_search;
