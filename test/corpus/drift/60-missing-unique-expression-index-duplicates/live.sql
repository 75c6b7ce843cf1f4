CREATE TABLE logins (id integer PRIMARY KEY, email text NOT NULL);
INSERT INTO logins VALUES (1, 'Ada@example.com'), (2, 'ada@example.com');
