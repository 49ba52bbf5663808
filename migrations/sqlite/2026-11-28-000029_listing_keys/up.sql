-- The listing's index: one row per listed mentor and value the listing can be filtered by
-- (facet '' for everyone, 'm' + AGS, 'd' + district key, 'f' + field id, 'l' + language),
-- in the listing's order. Any filter's page is then one range of the primary key, however deep
-- and however selective: before, a filtered page walked the name index over every listed
-- mentor, or sorted the whole filtered set. Kept by the server with each publication change
-- (see backend/src/api/listing/keys.rs); this fills it for the mentors listed now.
CREATE TABLE listing_keys (
    facet TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES mentors (person_id) ON DELETE CASCADE,
    PRIMARY KEY (facet, sort_name, person_id)
) WITHOUT ROWID;
CREATE INDEX listing_keys_person ON listing_keys (person_id);
INSERT INTO listing_keys (facet, sort_name, person_id)
SELECT '', m.sort_name, m.person_id FROM mentors m WHERE m.listed
UNION SELECT 'm' || x.municipality_ags, m.sort_name, m.person_id
    FROM mentors m JOIN mentor_municipalities x ON x.person_id = m.person_id WHERE m.listed
UNION SELECT 'd' || SUBSTR(x.municipality_ags, 1, 5), m.sort_name, m.person_id
    FROM mentors m JOIN mentor_municipalities x ON x.person_id = m.person_id WHERE m.listed
UNION SELECT 'f' || CAST(x.field_id AS TEXT), m.sort_name, m.person_id
    FROM mentors m JOIN mentor_fields x ON x.person_id = m.person_id WHERE m.listed
UNION SELECT 'l' || x.language, m.sort_name, m.person_id
    FROM mentors m JOIN person_languages x ON x.person_id = m.person_id WHERE m.listed;
