-- Erasure anonymises a person instead of deleting them: their enrolments, attendance and status
-- history keep counting in the reports of past periods, while every personal datum is removed
-- (see people::store::erase). An erased person is hidden everywhere.
ALTER TABLE people ADD COLUMN erased_on DATE;
