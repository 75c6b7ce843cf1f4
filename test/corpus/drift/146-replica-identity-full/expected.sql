CREATE TABLE public.audit (id integer PRIMARY KEY, what text);
ALTER TABLE public.audit REPLICA IDENTITY FULL;
