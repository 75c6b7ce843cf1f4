CREATE TABLE public.staff (id integer PRIMARY KEY, name text, salary numeric);
CREATE VIEW public.staff_public WITH (security_barrier) AS SELECT id, name FROM public.staff;
CREATE VIEW public.staff_report AS SELECT id, name FROM public.staff WHERE id > 0;
CREATE TABLE public.keeps_view_dependent (id integer);
CREATE VIEW public.staff_names AS SELECT name FROM public.staff_public;
