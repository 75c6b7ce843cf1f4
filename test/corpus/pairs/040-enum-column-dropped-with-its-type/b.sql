CREATE TABLE diary (id integer PRIMARY KEY, entry text NOT NULL);
INSERT INTO diary VALUES (1, 'rain'), (2, 'sun');
