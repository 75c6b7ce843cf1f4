CREATE DOMAIN qty AS integer NOT NULL DEFAULT 0;
CREATE TABLE items (id integer PRIMARY KEY, stock qty NOT NULL);
