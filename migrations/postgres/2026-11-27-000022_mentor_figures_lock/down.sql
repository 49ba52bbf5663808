CREATE OR REPLACE FUNCTION mentor_figures_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM mentor_figures WHERE as_of > LEAST(
    CASE WHEN TG_OP = 'DELETE' THEN OLD.changed_at ELSE NEW.changed_at END,
    CASE WHEN TG_OP = 'INSERT' THEN NEW.changed_at ELSE OLD.changed_at END);
  RETURN NULL;
END $$;
