CREATE TABLE public.people (id integer PRIMARY KEY, name text);
INSERT INTO public.people VALUES (1, 'Ann');
CREATE VIEW public.people_v AS SELECT id, name FROM public.people;
COMMENT ON COLUMN public.people_v.id IS 'old text';
