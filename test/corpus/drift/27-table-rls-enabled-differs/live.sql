CREATE TABLE documents (id integer PRIMARY KEY, owner text NOT NULL, body text);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
