CREATE TYPE legacy_flag AS ENUM ('y', 'n');
CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL);
