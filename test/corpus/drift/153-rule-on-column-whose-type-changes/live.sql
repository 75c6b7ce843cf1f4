CREATE TABLE public.stock (id integer PRIMARY KEY, qty integer NOT NULL);
CREATE TABLE public.stock_log (id integer, qty integer);
INSERT INTO public.stock SELECT g, g * 10 FROM generate_series(1, 12) g;
CREATE RULE stock_audit AS ON UPDATE TO public.stock WHERE NEW.qty <> OLD.qty DO ALSO INSERT INTO public.stock_log VALUES (NEW.id, NEW.qty);
