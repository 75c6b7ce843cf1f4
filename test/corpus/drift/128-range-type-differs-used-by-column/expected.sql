CREATE TYPE span AS RANGE (subtype = bigint);
CREATE TABLE slot (id int PRIMARY KEY, during span);
