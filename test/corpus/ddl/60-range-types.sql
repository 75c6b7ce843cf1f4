-- covers: range types in the model: subtype, subtype_diff, collation, non-default operator class, multirange name (default and given), comments, quoted names, columns and functions that use them; their constructors are not functions
CREATE SCHEMA "Time";
CREATE FUNCTION float_diff(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT a - b $$;
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float_diff);
COMMENT ON TYPE floatrange IS 'float intervals';
CREATE TYPE "Time"."Day Span" AS RANGE (subtype = date, multirange_type_name = "Time"."Day Spans");
CREATE TYPE textrange AS RANGE (subtype = text, collation = "C");
CREATE TYPE revrange AS RANGE (subtype = text, subtype_opclass = text_pattern_ops);
CREATE TABLE stay (id integer PRIMARY KEY, nights "Time"."Day Span", gaps "Time"."Day Spans", score floatrange[]);
CREATE FUNCTION width(r floatrange) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT upper(r) - lower(r) $$;
