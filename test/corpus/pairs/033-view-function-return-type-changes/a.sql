CREATE TABLE boxes (id integer PRIMARY KEY, w integer NOT NULL, h integer NOT NULL);
INSERT INTO boxes VALUES (1, 2, 3), (2, 10, 10);
CREATE FUNCTION box_area(w integer, h integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT w * h $$;
CREATE VIEW box_areas AS SELECT id, box_area(w, h) AS area FROM boxes;
