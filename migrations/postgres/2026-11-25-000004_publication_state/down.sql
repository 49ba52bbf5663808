DROP TABLE publication_state;
