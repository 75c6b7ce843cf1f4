CREATE TYPE contact AS (email text, phone text, fax text);
CREATE TABLE person (id int PRIMARY KEY, reach contact);
INSERT INTO person VALUES (1, ROW('a@example.com', '555-0100', '555-0101')), (2, ROW('b@example.com', NULL, NULL));
