DROP TABLE coverage_stripes;
