DROP VIEW publication_generations;
