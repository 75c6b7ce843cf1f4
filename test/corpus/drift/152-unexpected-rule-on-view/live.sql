CREATE TABLE public.notes (id integer PRIMARY KEY, body text);
INSERT INTO public.notes VALUES (1, 'a'), (2, 'b');
CREATE VIEW public.notes_v AS SELECT id, body FROM public.notes;
CREATE RULE notes_v_ins AS ON INSERT TO public.notes_v DO INSTEAD INSERT INTO public.notes VALUES (NEW.id, NEW.body);
