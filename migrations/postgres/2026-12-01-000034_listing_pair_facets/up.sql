-- Pairs of facets in the listing's index: 'm' + AGS + 'f' + field id and 'd' + district key
-- + 'f' + field id, the combinations municipal sites ask for ("volunteers for youth projects in
-- our district"). A page of such a filter walked the place's facet and checked the field per
-- row: five rows walked per row shown, and a deep page thousands. Now it is one range.
INSERT INTO listing_keys (facet, sort_name, person_id)
SELECT 'm' || x.municipality_ags || 'f' || CAST(f.field_id AS TEXT), m.sort_name, m.person_id
    FROM mentors m JOIN mentor_municipalities x ON x.person_id = m.person_id
    JOIN mentor_fields f ON f.person_id = m.person_id WHERE m.listed
UNION SELECT 'd' || SUBSTR(x.municipality_ags, 1, 5) || 'f' || CAST(f.field_id AS TEXT),
        m.sort_name, m.person_id
    FROM mentors m JOIN mentor_municipalities x ON x.person_id = m.person_id
    JOIN mentor_fields f ON f.person_id = m.person_id WHERE m.listed;
