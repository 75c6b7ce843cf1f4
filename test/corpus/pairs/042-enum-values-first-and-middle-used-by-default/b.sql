CREATE TYPE priority AS ENUM ('trivial', 'low', 'medium', 'high');
CREATE TABLE jobs (id integer PRIMARY KEY, priority priority NOT NULL DEFAULT 'medium');
INSERT INTO jobs VALUES (1, 'low'), (2, 'high');
