CREATE TABLE handles (id integer PRIMARY KEY, handle text);
CREATE INDEX handles_handle_idx ON handles (handle);
INSERT INTO handles VALUES (1, 'x'), (2, 'x'), (3, 'x'), (4, 'y'), (5, 'y'), (6, 'z'), (7, NULL), (8, NULL);
