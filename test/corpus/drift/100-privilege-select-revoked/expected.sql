DO $$ BEGIN CREATE ROLE sd_priv_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE sd_priv_owner NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE public.books (id integer PRIMARY KEY, title text NOT NULL);
GRANT SELECT, UPDATE ON public.books TO sd_priv_reader;
