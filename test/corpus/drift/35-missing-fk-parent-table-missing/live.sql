CREATE TABLE articles (id integer PRIMARY KEY, author_id integer, title text NOT NULL);
INSERT INTO articles VALUES (1, 1, 'Hello'), (2, NULL, 'Draft');
