DROP TABLE listing_blocks;
