CREATE TABLE public.ledger (id integer PRIMARY KEY, amount numeric NOT NULL);
INSERT INTO public.ledger VALUES (1, 10), (2, -4);
CREATE FUNCTION public.ledger_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END; $$;
CREATE CONSTRAINT TRIGGER ledger_balanced AFTER INSERT OR UPDATE ON public.ledger FOR EACH ROW EXECUTE FUNCTION public.ledger_check();
