CREATE TABLE public.orders (id integer PRIMARY KEY, total numeric) WITH (fillfactor = 90, autovacuum_enabled = false);
