-- covers: identically named tables/indexes/constraints/types/functions/views in different schemas (public, tenant_a, tenant_b), cross-schema FKs between same-named tables, search_path-independent qualified references
CREATE SCHEMA tenant_a;
CREATE SCHEMA tenant_b;
CREATE TYPE public.state AS ENUM ('on', 'off');
CREATE TYPE tenant_a.state AS ENUM ('on', 'off', 'unknown');
CREATE TABLE public.things (
    id integer PRIMARY KEY,
    name text NOT NULL,
    state public.state
);
CREATE TABLE tenant_a.things (
    id integer PRIMARY KEY,
    name text NOT NULL,
    state tenant_a.state,
    public_id integer REFERENCES public.things (id)
);
CREATE TABLE tenant_b.things (
    id bigint PRIMARY KEY,
    label varchar(40),
    a_id integer REFERENCES tenant_a.things (id) ON DELETE CASCADE
);
CREATE INDEX things_name_idx ON public.things (name);
CREATE INDEX things_name_idx ON tenant_a.things (name);
CREATE INDEX things_name_idx ON tenant_b.things (label);
CREATE FUNCTION public.thing_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public.things $$;
CREATE FUNCTION tenant_a.thing_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM tenant_a.things $$;
CREATE VIEW tenant_a.v_things AS SELECT id, name FROM tenant_a.things;
CREATE VIEW tenant_b.v_things AS SELECT id, label AS name FROM tenant_b.things;
