-- A change to the mentor status history and a count of mentor figures exclude each other: the
-- trigger holds a shared advisory lock until its transaction ends, and the count takes the same
-- lock exclusively before it reads (backend/src/api/reports/store.rs, MENTOR_FIGURES_LOCK). So a
-- count sees every change committed before it, and a change committed after it deletes the
-- figures it recorded; without the lock a backdated change committing while a count ran could
-- leave figures recorded that miss it. (SQLite's write lock does the same there.)
CREATE OR REPLACE FUNCTION mentor_figures_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7704202611);
  DELETE FROM mentor_figures WHERE as_of > LEAST(
    CASE WHEN TG_OP = 'DELETE' THEN OLD.changed_at ELSE NEW.changed_at END,
    CASE WHEN TG_OP = 'INSERT' THEN NEW.changed_at ELSE OLD.changed_at END);
  RETURN NULL;
END $$;
