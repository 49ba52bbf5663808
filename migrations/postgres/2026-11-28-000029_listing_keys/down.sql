DROP TABLE listing_keys;
