CREATE TABLE notes (id integer PRIMARY KEY, tenant_id integer NOT NULL, body text NOT NULL);
INSERT INTO notes VALUES (1, 1, 'hello'), (2, 2, 'world');
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_tenant ON notes USING (tenant_id = current_setting('app.tenant', true)::integer);
