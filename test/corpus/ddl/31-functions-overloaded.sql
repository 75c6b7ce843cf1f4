-- covers: overloaded functions with the same name and different argument lists/types/schemas, overloads differing by arg defaults, function used in a default and in a check constraint, comments on specific overloads
CREATE SCHEMA geo;
CREATE FUNCTION format_value(v integer) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT 'int:' || v::text $$;
CREATE FUNCTION format_value(v text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT 'text:' || v $$;
CREATE FUNCTION format_value(v numeric, scale integer DEFAULT 2) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT 'num:' || round(v, scale)::text $$;
CREATE FUNCTION format_value(v integer, w integer) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT 'pair:' || v::text || ',' || w::text $$;
CREATE FUNCTION format_value(v timestamptz) RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT 'ts:' || to_char(v, 'YYYY-MM-DD') $$;
CREATE FUNCTION geo.format_value(v point) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT 'point:' || v::text $$;
CREATE FUNCTION geo.distance(a point, b point) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a <-> b $$;
CREATE FUNCTION geo.distance(x1 float8, y1 float8, x2 float8, y2 float8) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT sqrt((x2 - x1) ^ 2 + (y2 - y1) ^ 2) $$;
CREATE FUNCTION is_even(n integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT n % 2 = 0 $$;
CREATE FUNCTION default_label() RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT 'label-' || to_char(now(), 'YYYY') $$;
CREATE TABLE labelled (
    id integer PRIMARY KEY CHECK (is_even(id)),
    label text NOT NULL DEFAULT default_label(),
    formatted text DEFAULT format_value(42)
);
COMMENT ON FUNCTION format_value(integer) IS 'integer overload';
COMMENT ON FUNCTION format_value(text) IS 'text overload';
COMMENT ON FUNCTION geo.distance(point, point) IS 'distance between points';
