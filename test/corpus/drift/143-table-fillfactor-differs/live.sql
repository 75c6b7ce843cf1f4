CREATE TABLE public.orders (id integer PRIMARY KEY, total numeric) WITH (fillfactor = 70);
INSERT INTO public.orders SELECT g, g * 1.5 FROM generate_series(1, 25) g;
