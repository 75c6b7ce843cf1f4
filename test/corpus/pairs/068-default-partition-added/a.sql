CREATE TABLE orders_by_region (id bigint NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders_by_region FOR VALUES IN ('eu');
INSERT INTO orders_by_region VALUES (1, 'eu');
