-- When a course was completed (the certificates' date), and why staff completed it although
-- its sessions spread over much less or much more than the three months a course takes.
ALTER TABLE courses ADD COLUMN completed_on DATE;
ALTER TABLE courses ADD COLUMN completion_reason TEXT;
