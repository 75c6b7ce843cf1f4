CREATE DOMAIN public.positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE TABLE public.scores (id integer PRIMARY KEY, points public.positive);
INSERT INTO public.scores VALUES (1, 3);
