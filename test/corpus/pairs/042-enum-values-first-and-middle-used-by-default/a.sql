CREATE TYPE priority AS ENUM ('low', 'high');
CREATE TABLE jobs (id integer PRIMARY KEY, priority priority NOT NULL DEFAULT 'low');
INSERT INTO jobs VALUES (1, 'low'), (2, 'high');
