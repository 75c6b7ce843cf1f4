CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE cities (id integer PRIMARY KEY, name text NOT NULL);
CREATE INDEX cities_name_trgm ON cities USING gin (name gin_trgm_ops);
INSERT INTO cities VALUES (1, 'Lisbon'), (2, 'Porto');
