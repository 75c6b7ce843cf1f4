CREATE TABLE public.ledger (id integer PRIMARY KEY, amount numeric NOT NULL);
CREATE FUNCTION public.ledger_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END; $$;
CREATE CONSTRAINT TRIGGER ledger_balanced AFTER INSERT OR UPDATE ON public.ledger DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.ledger_check();
CREATE CONSTRAINT TRIGGER ledger_touch AFTER DELETE ON public.ledger FOR EACH ROW EXECUTE FUNCTION public.ledger_check();
