CREATE TABLE public.docs (id integer PRIMARY KEY, body text, raw bytea);
ALTER TABLE public.docs ALTER COLUMN raw SET STORAGE MAIN;
