-- covers: row level security: ENABLE and FORCE ROW LEVEL SECURITY, policies PERMISSIVE/RESTRICTIVE, FOR SELECT/INSERT/UPDATE/DELETE/ALL, TO PUBLIC, USING and WITH CHECK expressions (current_user, current_setting, subqueries), RLS enabled with no policies, comment on policy
CREATE TABLE tenants (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE notes (
    id bigint PRIMARY KEY,
    tenant_id integer NOT NULL REFERENCES tenants (id),
    owner_name name NOT NULL DEFAULT current_user,
    body text,
    is_public boolean NOT NULL DEFAULT false,
    locked boolean NOT NULL DEFAULT false
);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_select_public ON notes
    AS PERMISSIVE FOR SELECT TO PUBLIC
    USING (is_public);
CREATE POLICY notes_select_own ON notes
    FOR SELECT
    USING (owner_name = current_user);
CREATE POLICY notes_insert_own ON notes
    FOR INSERT TO PUBLIC
    WITH CHECK (owner_name = current_user);
CREATE POLICY notes_update_own ON notes
    FOR UPDATE
    USING (owner_name = current_user AND NOT locked)
    WITH CHECK (owner_name = current_user);
CREATE POLICY notes_delete_own ON notes
    AS PERMISSIVE FOR DELETE
    USING (owner_name = current_user);
CREATE POLICY notes_tenant_isolation ON notes
    AS RESTRICTIVE FOR ALL TO PUBLIC
    USING (tenant_id = coalesce(nullif(current_setting('app.tenant_id', true), ''), '0')::integer)
    WITH CHECK (tenant_id = coalesce(nullif(current_setting('app.tenant_id', true), ''), '0')::integer);
CREATE POLICY notes_tenant_exists ON notes
    AS RESTRICTIVE
    USING (EXISTS (SELECT 1 FROM tenants t WHERE t.id = notes.tenant_id));
CREATE TABLE secrets (
    id integer PRIMARY KEY,
    value text
);
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
COMMENT ON POLICY notes_tenant_isolation ON notes IS 'restrict rows to the current tenant';
