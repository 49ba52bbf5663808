DELETE FROM listing_keys WHERE facet LIKE 'm%f%' OR facet LIKE 'd%f%';
