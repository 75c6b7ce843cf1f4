CREATE TYPE contact AS (email text, phone text);
CREATE TABLE person (id int PRIMARY KEY, reach contact);
