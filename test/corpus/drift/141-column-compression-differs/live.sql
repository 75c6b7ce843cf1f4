CREATE TABLE public.docs (id integer PRIMARY KEY, body text, notes text);
ALTER TABLE public.docs ALTER COLUMN body SET COMPRESSION pglz;
INSERT INTO public.docs SELECT g, repeat('y', 5000), 'n' FROM generate_series(1, 10) g;
