CREATE TABLE temps (id integer PRIMARY KEY, celsius numeric NOT NULL);
INSERT INTO temps VALUES (1, 20), (2, -5);
CREATE FUNCTION to_f(c numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(c * 1.8 + 32, 1) $$;
CREATE MATERIALIZED VIEW temps_f AS SELECT id, to_f(celsius) AS f FROM temps;
