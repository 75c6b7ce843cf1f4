-- covers: comments on policies, domain constraints, and an extension comment other than its control file's; an extension in a schema of its own
CREATE SCHEMA ext;
CREATE EXTENSION citext SCHEMA ext;
COMMENT ON EXTENSION citext IS 'case-insensitive emails';
CREATE DOMAIN positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0) CONSTRAINT small_check CHECK (VALUE < 1000);
COMMENT ON CONSTRAINT positive_check ON DOMAIN positive IS 'zero is not a score';
CREATE TABLE tenants (id integer PRIMARY KEY, owner name NOT NULL DEFAULT current_user, email ext.citext, points positive);
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenants_own ON tenants USING (owner = current_user);
CREATE POLICY tenants_admin ON tenants AS RESTRICTIVE FOR DELETE USING (false);
COMMENT ON POLICY tenants_own ON tenants IS 'each role sees its own rows';
