CREATE TABLE logins (id integer PRIMARY KEY, username text NOT NULL);
INSERT INTO logins VALUES (1, 'Ann'), (2, 'bob');
