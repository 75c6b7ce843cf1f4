-- covers: row level security on multiple tables/schemas: policies with default command (ALL), FOR ALL with separate USING and WITH CHECK, RESTRICTIVE FOR UPDATE/DELETE, policies referencing functions and other tables, FORCE without ENABLE, RLS on partitioned table, policy names with spaces/quotes
CREATE SCHEMA secure;
CREATE TABLE secure.documents (
    id integer PRIMARY KEY,
    owner text NOT NULL DEFAULT current_user,
    classification smallint NOT NULL DEFAULT 0,
    archived boolean NOT NULL DEFAULT false
);
CREATE FUNCTION secure.max_clearance() RETURNS smallint
    LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('app.clearance', true), ''), '0')::smallint $$;
ALTER TABLE secure.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY "owner can do anything" ON secure.documents
    USING (owner = current_user)
    WITH CHECK (owner = current_user);
CREATE POLICY "clearance ""gate""" ON secure.documents
    AS RESTRICTIVE FOR SELECT TO PUBLIC
    USING (classification <= secure.max_clearance());
CREATE POLICY no_update_archived ON secure.documents
    AS RESTRICTIVE FOR UPDATE
    USING (NOT archived);
CREATE POLICY no_delete_classified ON secure.documents
    AS RESTRICTIVE FOR DELETE TO PUBLIC
    USING (classification = 0);
CREATE TABLE secure.forced_only (
    id integer PRIMARY KEY
);
ALTER TABLE secure.forced_only FORCE ROW LEVEL SECURITY;
CREATE TABLE secure.readings (
    sensor text NOT NULL,
    at date NOT NULL,
    v double precision
) PARTITION BY LIST (sensor);
CREATE TABLE secure.readings_a PARTITION OF secure.readings FOR VALUES IN ('a');
ALTER TABLE secure.readings ENABLE ROW LEVEL SECURITY;
CREATE POLICY readings_recent ON secure.readings FOR SELECT USING (at > DATE '2000-01-01');
CREATE POLICY readings_insert ON secure.readings FOR INSERT WITH CHECK (v IS NOT NULL AND EXISTS (SELECT 1 FROM secure.documents d WHERE d.id = 1));
