CREATE TABLE public.docs (id integer PRIMARY KEY, body text, raw bytea);
ALTER TABLE public.docs ALTER COLUMN body SET STORAGE EXTERNAL;
INSERT INTO public.docs SELECT g, repeat('x', 3000), '\xdeadbeef' FROM generate_series(1, 20) g;
