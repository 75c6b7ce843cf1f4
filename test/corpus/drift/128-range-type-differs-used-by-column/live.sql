CREATE TYPE span AS RANGE (subtype = integer);
CREATE TABLE slot (id int PRIMARY KEY, during span);
INSERT INTO slot VALUES (1, '[1,5)');
