CREATE TABLE notes (id integer PRIMARY KEY, owner text NOT NULL DEFAULT current_user, body text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner_only ON notes FOR ALL TO PUBLIC USING (owner = current_user);
CREATE POLICY notes_insert ON notes AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (owner = current_user);
