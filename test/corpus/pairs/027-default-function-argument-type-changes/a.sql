CREATE FUNCTION pad_code(n integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lpad(n::text, 6, '0') $$;
CREATE TABLE parcels (id integer PRIMARY KEY, code text NOT NULL DEFAULT pad_code(0));
INSERT INTO parcels VALUES (1, '000001');
