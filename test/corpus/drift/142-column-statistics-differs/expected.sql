CREATE TABLE public.events (id integer PRIMARY KEY, kind text, at timestamptz);
ALTER TABLE public.events ALTER COLUMN at SET STATISTICS 1000;
ALTER TABLE public.events ALTER COLUMN id SET STATISTICS 0;
