CREATE TABLE public.tenants (id integer PRIMARY KEY, owner name NOT NULL DEFAULT current_user);
ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenants_own ON public.tenants USING (owner = current_user);
COMMENT ON POLICY tenants_own ON public.tenants IS 'each role sees its own rows';
