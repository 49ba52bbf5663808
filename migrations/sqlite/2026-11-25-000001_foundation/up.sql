-- Foundation: accounts, reference data (fields of activity, districts, municipalities),
-- partner organisations and server settings.

CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY NOT NULL,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE fields_of_activity (
  id INTEGER PRIMARY KEY NOT NULL,
  name_de TEXT NOT NULL,
  name_en TEXT NOT NULL,
  retired BOOLEAN NOT NULL DEFAULT FALSE,
  version BIGINT NOT NULL DEFAULT 1
);

-- The ten fields of activity of the programme.
INSERT INTO fields_of_activity (name_de, name_en) VALUES
  ('Jugendengagementprojekte', 'Youth volunteer projects'),
  ('Arbeit mit Familien', 'Work with families'),
  ('Kooperationen gründen (z. B. mit lokalen Agenda-21-Gruppen)', 'Founding cooperations (e.g. with local Agenda 21 groups)'),
  ('Integrative und interkulturelle Projekte', 'Integrative and intercultural projects'),
  ('Projekte mit Migrantenorganisationen', 'Projects with migrant organisations'),
  ('Bildungsprojekte mit Schulen', 'Education projects with schools'),
  ('Bürgerschaftliche Projekte in Altenhilfe und Behindertenhilfe', 'Civic projects in elderly care and disability support'),
  ('Bürgerschaftliches Engagement in Kultur- und Ökologieprojekten', 'Civic engagement in cultural and ecological projects'),
  ('Projekte mit Unternehmen', 'Projects with companies'),
  ('Lokale Akteure zusammenbringen (Sportvereine, Feuerwehr, Jugendhaus, Schulen, Pflegeheime, Unternehmen, Stadtmarketing …)', 'Bringing local actors together (sports clubs, fire brigade, youth club, schools, nursing homes, companies, city marketing …)');

CREATE TABLE districts (
  key TEXT PRIMARY KEY NOT NULL CHECK (length(key) = 5),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('landkreis', 'stadtkreis'))
);

-- The 44 districts of Baden-Württemberg (35 Landkreise, 9 Stadtkreise).
INSERT INTO districts (key, name, kind) VALUES
  ('08111', 'Stuttgart', 'stadtkreis'),
  ('08115', 'Böblingen', 'landkreis'),
  ('08116', 'Esslingen', 'landkreis'),
  ('08117', 'Göppingen', 'landkreis'),
  ('08118', 'Ludwigsburg', 'landkreis'),
  ('08119', 'Rems-Murr-Kreis', 'landkreis'),
  ('08121', 'Heilbronn', 'stadtkreis'),
  ('08125', 'Heilbronn', 'landkreis'),
  ('08126', 'Hohenlohekreis', 'landkreis'),
  ('08127', 'Schwäbisch Hall', 'landkreis'),
  ('08128', 'Main-Tauber-Kreis', 'landkreis'),
  ('08135', 'Heidenheim', 'landkreis'),
  ('08136', 'Ostalbkreis', 'landkreis'),
  ('08211', 'Baden-Baden', 'stadtkreis'),
  ('08212', 'Karlsruhe', 'stadtkreis'),
  ('08215', 'Karlsruhe', 'landkreis'),
  ('08216', 'Rastatt', 'landkreis'),
  ('08221', 'Heidelberg', 'stadtkreis'),
  ('08222', 'Mannheim', 'stadtkreis'),
  ('08225', 'Neckar-Odenwald-Kreis', 'landkreis'),
  ('08226', 'Rhein-Neckar-Kreis', 'landkreis'),
  ('08231', 'Pforzheim', 'stadtkreis'),
  ('08235', 'Calw', 'landkreis'),
  ('08236', 'Enzkreis', 'landkreis'),
  ('08237', 'Freudenstadt', 'landkreis'),
  ('08311', 'Freiburg im Breisgau', 'stadtkreis'),
  ('08315', 'Breisgau-Hochschwarzwald', 'landkreis'),
  ('08316', 'Emmendingen', 'landkreis'),
  ('08317', 'Ortenaukreis', 'landkreis'),
  ('08325', 'Rottweil', 'landkreis'),
  ('08326', 'Schwarzwald-Baar-Kreis', 'landkreis'),
  ('08327', 'Tuttlingen', 'landkreis'),
  ('08335', 'Konstanz', 'landkreis'),
  ('08336', 'Lörrach', 'landkreis'),
  ('08337', 'Waldshut', 'landkreis'),
  ('08415', 'Reutlingen', 'landkreis'),
  ('08416', 'Tübingen', 'landkreis'),
  ('08417', 'Zollernalbkreis', 'landkreis'),
  ('08421', 'Ulm', 'stadtkreis'),
  ('08425', 'Alb-Donau-Kreis', 'landkreis'),
  ('08426', 'Biberach', 'landkreis'),
  ('08435', 'Bodenseekreis', 'landkreis'),
  ('08436', 'Ravensburg', 'landkreis'),
  ('08437', 'Sigmaringen', 'landkreis');

CREATE TABLE municipalities (
  ags TEXT PRIMARY KEY NOT NULL CHECK (length(ags) = 8),
  name TEXT NOT NULL,
  -- DIN 5007 sort and search key of the name (see backend/src/text.rs)
  sort_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  district_key TEXT NOT NULL REFERENCES districts (key),
  postal_code TEXT,
  population BIGINT
);
CREATE INDEX municipalities_district ON municipalities (district_key);
CREATE INDEX municipalities_sort_name ON municipalities (sort_name);

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  sort_name TEXT NOT NULL,
  street TEXT,
  postal_code TEXT,
  city TEXT,
  municipality_ags TEXT REFERENCES municipalities (ags),
  contact_name TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  website TEXT,
  -- folded name, city and contact for case-insensitive search on both databases
  search_text TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX organisations_municipality ON organisations (municipality_ags);
CREATE INDEX organisations_sort_name ON organisations (sort_name);

CREATE TABLE organisation_fields (
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  field_id BIGINT NOT NULL REFERENCES fields_of_activity (id),
  PRIMARY KEY (organisation_id, field_id)
);
CREATE INDEX organisation_fields_field ON organisation_fields (field_id);

CREATE TABLE organisation_roles (
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (organisation_id, role)
);
