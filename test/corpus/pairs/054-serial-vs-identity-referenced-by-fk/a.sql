CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id integer PRIMARY KEY, author_id integer NOT NULL REFERENCES authors (id));
INSERT INTO authors (name) VALUES ('Ann'), ('Bob');
INSERT INTO books VALUES (1, 1), (2, 2);
