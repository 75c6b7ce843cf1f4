CREATE EXTENSION hstore VERSION '1.7';
CREATE TABLE public.settings (id integer PRIMARY KEY, attrs public.hstore);
INSERT INTO public.settings VALUES (1, 'a=>1, b=>2');
