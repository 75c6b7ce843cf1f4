CREATE TYPE addr AS (street text, city text);
CREATE TABLE customer (id int PRIMARY KEY, address addr);
INSERT INTO customer VALUES (1, ROW('1 Main St', 'Springfield')), (2, ROW('2 High St', 'Shelbyville')), (3, NULL);
