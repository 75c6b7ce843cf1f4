CREATE TABLE public.items (id integer PRIMARY KEY, qty integer);
CREATE VIEW public.small_items AS SELECT id, qty FROM public.items WHERE qty < 10 WITH LOCAL CHECK OPTION;
