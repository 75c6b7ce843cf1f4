CREATE TABLE public.events (id integer PRIMARY KEY, kind text, at timestamptz);
ALTER TABLE public.events ALTER COLUMN kind SET STATISTICS 500;
INSERT INTO public.events SELECT g, 'k' || (g % 3), now() FROM generate_series(1, 30) g;
