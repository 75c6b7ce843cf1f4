CREATE TABLE public.items (id integer PRIMARY KEY, qty integer);
INSERT INTO public.items VALUES (1, 5), (2, 50);
CREATE VIEW public.small_items WITH (security_invoker = true) AS SELECT id, qty FROM public.items WHERE qty < 10 WITH CASCADED CHECK OPTION;
