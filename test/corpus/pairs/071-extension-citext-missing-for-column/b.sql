CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE logins (id integer PRIMARY KEY, username citext NOT NULL);
INSERT INTO logins VALUES (1, 'Ann'), (2, 'bob');
