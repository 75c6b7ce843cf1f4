CREATE TABLE public.people (id integer PRIMARY KEY, name text);
CREATE VIEW public.people_v AS SELECT id, name FROM public.people;
COMMENT ON COLUMN public.people_v.id IS 'the person';
COMMENT ON COLUMN public.people_v.name IS 'as entered';
