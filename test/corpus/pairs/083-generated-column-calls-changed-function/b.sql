CREATE FUNCTION slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(regexp_replace(t, '[^A-Za-z0-9]+', '-', 'g')) $$;
CREATE TABLE pages (id integer PRIMARY KEY, title text NOT NULL, slug text GENERATED ALWAYS AS (slugify(title)) STORED);
INSERT INTO pages (id, title) VALUES (1, 'Hello World');
