CREATE TABLE booking (id int PRIMARY KEY, starts_at timestamptz NOT NULL);
CREATE FUNCTION float_diff(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT a - b $$;
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float_diff);
COMMENT ON TYPE floatrange IS 'closed-open float intervals';
