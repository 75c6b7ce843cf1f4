CREATE TABLE sites (id integer PRIMARY KEY, host text NOT NULL);
INSERT INTO sites VALUES (1, 'example.org');
