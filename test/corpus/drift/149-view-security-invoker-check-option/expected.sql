CREATE TABLE public.items (id integer PRIMARY KEY, qty integer);
CREATE VIEW public.small_items AS SELECT id, qty FROM public.items WHERE qty < 10 WITH LOCAL CHECK OPTION;
CREATE VIEW public.tiny_items WITH (security_barrier = true) AS SELECT id, qty FROM public.items WHERE qty < 3 WITH LOCAL CHECK OPTION;
