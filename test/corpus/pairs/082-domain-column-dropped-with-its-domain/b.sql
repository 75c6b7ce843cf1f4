CREATE TABLE addresses (id integer PRIMARY KEY, street text NOT NULL);
INSERT INTO addresses VALUES (1, 'Main St');
