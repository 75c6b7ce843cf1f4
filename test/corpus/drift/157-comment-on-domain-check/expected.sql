CREATE DOMAIN public.positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
COMMENT ON CONSTRAINT positive_check ON DOMAIN public.positive IS 'zero is not a score';
CREATE TABLE public.scores (id integer PRIMARY KEY, points public.positive);
