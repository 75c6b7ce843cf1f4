CREATE TABLE public.tenants (id integer PRIMARY KEY, owner name NOT NULL DEFAULT current_user);
ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenants_own ON public.tenants USING (owner = current_user);
INSERT INTO public.tenants (id) VALUES (1), (2);
