CREATE TABLE cities (id integer PRIMARY KEY, name text NOT NULL);
CREATE INDEX cities_name ON cities (name);
INSERT INTO cities VALUES (1, 'Lisbon'), (2, 'Porto');
