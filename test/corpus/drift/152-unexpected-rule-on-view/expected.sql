CREATE TABLE public.notes (id integer PRIMARY KEY, body text);
CREATE VIEW public.notes_v AS SELECT id, body FROM public.notes;
