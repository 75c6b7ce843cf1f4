CREATE TABLE core_users (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO core_users VALUES (1, 'ann');
CREATE SCHEMA crm;
CREATE TYPE crm.stage AS ENUM ('lead', 'won', 'lost');
CREATE FUNCTION crm.is_closed(s crm.stage) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s IN ('won', 'lost') $$;
CREATE TABLE crm.deals (id integer PRIMARY KEY, owner_id integer NOT NULL REFERENCES public.core_users (id),
    stage crm.stage NOT NULL DEFAULT 'lead');
CREATE VIEW crm.open_deals AS SELECT id, owner_id FROM crm.deals WHERE NOT crm.is_closed(stage);
