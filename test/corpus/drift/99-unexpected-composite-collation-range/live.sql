-- Types and a collation that a removed migration left behind; nothing uses them.
CREATE TABLE notes (id integer PRIMARY KEY, body text);
INSERT INTO notes VALUES (1, 'kept');
CREATE TYPE pair AS (x integer, y integer);
CREATE TYPE int_span AS RANGE (subtype = integer);
CREATE COLLATION german (provider = libc, locale = 'C');
