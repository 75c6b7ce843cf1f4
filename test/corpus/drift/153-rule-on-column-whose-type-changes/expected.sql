CREATE TABLE public.stock (id integer PRIMARY KEY, qty bigint NOT NULL);
CREATE TABLE public.stock_log (id integer, qty integer);
CREATE RULE stock_audit AS ON UPDATE TO public.stock WHERE NEW.qty <> OLD.qty DO ALSO INSERT INTO public.stock_log VALUES (NEW.id, NEW.qty);
