CREATE TYPE addr AS (street text, city text, zip text);
COMMENT ON TYPE addr IS 'postal address';
CREATE TABLE customer (id int PRIMARY KEY, address addr);
