-- covers: composite types in the model: attributes in order (a dropped attribute leaves no trace), attribute collations, arrays and nested composites, quoted names, comments, columns and functions that use them
CREATE SCHEMA "Geo";
CREATE TYPE addr AS (street text, city text COLLATE "C", zip varchar(10));
COMMENT ON TYPE addr IS 'postal address';
CREATE TYPE "Geo"."Point 2D" AS ("X" double precision, y double precision, tag text);
ALTER TYPE "Geo"."Point 2D" DROP ATTRIBUTE tag;
CREATE TYPE route AS (stops "Geo"."Point 2D"[], home addr, label "char");
CREATE TABLE shipment (id integer PRIMARY KEY, dest addr NOT NULL, path route, legs addr[]);
CREATE FUNCTION dest_city(s shipment) RETURNS text LANGUAGE sql STABLE AS $$ SELECT (s.dest).city $$;
CREATE FUNCTION make_addr(street text, city text) RETURNS addr LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(street, city, NULL)::addr $$;
