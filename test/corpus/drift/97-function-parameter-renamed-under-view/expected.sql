CREATE TABLE readings (id integer PRIMARY KEY, value numeric NOT NULL);
CREATE FUNCTION my_lag(y anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS 'SELECT y';
COMMENT ON FUNCTION my_lag(anyelement) IS 'identity, for now';
CREATE VIEW lagged AS SELECT id, my_lag(value) AS previous FROM readings;
