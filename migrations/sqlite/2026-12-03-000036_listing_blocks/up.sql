-- The sizes of the listing's index: each facet's keys cut into blocks of about 512 (a block
-- runs from its first key to the next block's; a facet's first block starts at ('', 0)), and
-- how many keys each holds, kept in stripes that writers add to in their transaction. A filter
-- of one facet is then counted, and a deep page started, from a few rows per 512 mentors:
-- before, both walked the facet once per publication generation (0.2-0.45 s for the whole
-- listing at 1,000,000 mentors, after every start and change). Kept by the server (see
-- backend/src/api/listing/blocks.rs, whose rebuild() spells the statement below); this cuts
-- the index as it is now.
CREATE TABLE listing_blocks (
    facet TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    person_id BIGINT NOT NULL,
    stripe INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (facet, sort_name, person_id, stripe)
) WITHOUT ROWID;
INSERT INTO listing_blocks (facet, sort_name, person_id, stripe, n)
SELECT facet, CASE WHEN i = 0 THEN '' ELSE sort_name END,
    CASE WHEN i = 0 THEN 0 ELSE person_id END, 0,
    CASE WHEN total - i < 512 THEN total - i ELSE 512 END
FROM (SELECT facet, sort_name, person_id,
        ROW_NUMBER() OVER (PARTITION BY facet ORDER BY sort_name, person_id) - 1 AS i,
        COUNT(*) OVER (PARTITION BY facet) AS total
    FROM listing_keys) r
WHERE i % 512 = 0;
