CREATE TABLE handles (id integer PRIMARY KEY, handle text);
CREATE UNIQUE INDEX handles_handle_idx ON handles (handle);
