CREATE FUNCTION long_enough(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length(s) >= 3 $$;
CREATE TABLE handles (id integer PRIMARY KEY, handle text NOT NULL, CONSTRAINT handles_handle_check CHECK (long_enough(handle)));
INSERT INTO handles VALUES (1, 'alice'), (2, 'bob');
