CREATE FUNCTION long_enough(s text, min_len integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length(s) >= min_len $$;
CREATE TABLE handles (id integer PRIMARY KEY, handle text NOT NULL, CONSTRAINT handles_handle_check CHECK (long_enough(handle, 3)));
INSERT INTO handles VALUES (1, 'alice'), (2, 'bob');
