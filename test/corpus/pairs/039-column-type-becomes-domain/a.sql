CREATE TABLE subscribers (id integer PRIMARY KEY, email text NOT NULL);
INSERT INTO subscribers VALUES (1, 'a@example.org'), (2, 'b@example.org');
