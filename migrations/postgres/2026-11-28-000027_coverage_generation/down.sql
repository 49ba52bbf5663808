DROP TRIGGER districts_coverage ON districts;
DROP TRIGGER municipalities_coverage ON municipalities;
DROP TRIGGER mentor_fields_coverage ON mentor_fields;
DROP TRIGGER mentor_municipalities_coverage ON mentor_municipalities;
DROP TRIGGER mentors_coverage ON mentors;
DROP FUNCTION bump_coverage_generation();
ALTER TABLE publication_state DROP COLUMN coverage_generation;
