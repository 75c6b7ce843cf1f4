DO $$ BEGIN CREATE ROLE sd_priv_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE sd_priv_owner NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE public.books (id integer PRIMARY KEY, title text NOT NULL);
CREATE FUNCTION public.book_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM public.books $$;
REVOKE EXECUTE ON FUNCTION public.book_count() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.book_count() TO sd_priv_reader;
