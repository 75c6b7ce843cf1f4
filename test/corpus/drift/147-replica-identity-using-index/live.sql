CREATE TABLE public.accounts (id integer PRIMARY KEY, email text NOT NULL);
INSERT INTO public.accounts SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 8) g;
