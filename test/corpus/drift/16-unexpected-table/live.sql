CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE tmp_import (line integer, payload text);
CREATE INDEX tmp_import_line_idx ON tmp_import (line);
INSERT INTO tmp_import VALUES (1, 'x'), (2, 'y');
