CREATE TABLE public.audit (id integer PRIMARY KEY, what text);
INSERT INTO public.audit SELECT g, 'w' FROM generate_series(1, 5) g;
