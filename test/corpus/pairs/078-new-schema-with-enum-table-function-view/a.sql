CREATE TABLE core_users (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO core_users VALUES (1, 'ann');
