DROP INDEX tandem_applications_course;
DROP INDEX registrations_course;
DROP INDEX mentor_organisations_organisation;
DROP INDEX trainers_tandem_partner;
DROP INDEX course_trainers_person;
DROP INDEX enrolments_local_course;
DROP INDEX enrolments_tandem_partner;
DROP INDEX enrolments_person;
