CREATE TABLE public.books (id integer PRIMARY KEY, title text NOT NULL);
INSERT INTO public.books VALUES (1, 'Dune'), (2, 'Emma');
