-- Each listed mentor's public entry as the listing shows it (names; contact details when
-- consented; municipalities and fields with their names), as JSON, beside the listing's index.
-- A page then reads one row per entry: composed from five tables on every read, PostgreSQL
-- read about 770 buffers for a page of 50. Kept by the server with each publication change
-- (see backend/src/api/listing/entries.rs, which composes entries as this does); this fills
-- it for the mentors listed now. (`INTEGER PRIMARY KEY`: the row id, one lookup per entry;
-- `json()` keeps a subquery's array an array rather than a string.)
CREATE TABLE public_entries (
    person_id INTEGER PRIMARY KEY NOT NULL REFERENCES mentors (person_id) ON DELETE CASCADE,
    modified_at TIMESTAMP NOT NULL,
    entry TEXT NOT NULL
);
INSERT INTO public_entries (person_id, modified_at, entry)
SELECT m.person_id, m.public_modified_at, json_object(
    'given_name', p.given_name,
    'family_name', p.family_name,
    'email', CASE WHEN m.consent = 'contact' THEN p.email END,
    'phone', CASE WHEN m.consent = 'contact' THEN p.phone END,
    'municipalities', json((SELECT json_group_array(json_object(
            'ags', u.ags, 'name', u.name, 'district_key', u.district_key) ORDER BY u.ags)
        FROM mentor_municipalities x JOIN municipalities u ON u.ags = x.municipality_ags
        WHERE x.person_id = m.person_id)),
    'fields', json((SELECT json_group_array(json_object(
            'id', o.id, 'name_de', o.name_de, 'name_en', o.name_en) ORDER BY o.id)
        FROM mentor_fields x JOIN fields_of_activity o ON o.id = x.field_id
        WHERE x.person_id = m.person_id)))
FROM mentors m JOIN people p ON p.id = m.person_id
WHERE m.listed;
