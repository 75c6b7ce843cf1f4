-- A function's parameter was renamed in a migration that never reached this database; a view calls the function.
CREATE TABLE readings (id integer PRIMARY KEY, value numeric NOT NULL);
INSERT INTO readings VALUES (1, 10), (2, 12.5);
CREATE FUNCTION my_lag(x anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS 'SELECT x';
COMMENT ON FUNCTION my_lag(anyelement) IS 'identity, for now';
CREATE VIEW lagged AS SELECT id, my_lag(value) AS previous FROM readings;
