CREATE TABLE contacts (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO contacts VALUES (1, 'Ann'), (2, 'Bob');
