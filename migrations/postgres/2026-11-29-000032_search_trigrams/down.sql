DROP INDEX municipalities_name_trigrams;
DROP INDEX organisations_search_trigrams;
DROP INDEX people_search_trigrams;
