CREATE EXTENSION hstore VERSION '1.8';
CREATE TABLE public.settings (id integer PRIMARY KEY, attrs public.hstore);
