DROP TABLE public_entries;
