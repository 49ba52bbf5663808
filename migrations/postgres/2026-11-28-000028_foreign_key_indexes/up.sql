-- Indexes for references that are followed from the other side: a person's enrolments (read
-- for every person page and every created or changed person; at 100,000 mentors a scan of
-- 360,000 enrolments took 35 ms), tandem partners and local courses, a trainer's courses and
-- partner, an organisation's mentors, a course's registrations and applications. Deleting the
-- referenced row (ON DELETE CASCADE / SET NULL) uses them too.
CREATE INDEX enrolments_person ON enrolments (person_id);
CREATE INDEX enrolments_tandem_partner ON enrolments (tandem_partner_id) WHERE tandem_partner_id IS NOT NULL;
CREATE INDEX enrolments_local_course ON enrolments (local_course_id) WHERE local_course_id IS NOT NULL;
CREATE INDEX course_trainers_person ON course_trainers (person_id);
CREATE INDEX trainers_tandem_partner ON trainers (tandem_partner_id) WHERE tandem_partner_id IS NOT NULL;
CREATE INDEX mentor_organisations_organisation ON mentor_organisations (organisation_id);
CREATE INDEX registrations_course ON registrations (course_id);
CREATE INDEX tandem_applications_course ON tandem_applications (course_id);
