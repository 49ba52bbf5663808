DROP TABLE tandem_applicants;
DROP TABLE tandem_applications;
