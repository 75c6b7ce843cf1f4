CREATE TABLE public.blobs (id integer PRIMARY KEY, data text);
INSERT INTO public.blobs SELECT g, repeat('z', 4000) FROM generate_series(1, 10) g;
