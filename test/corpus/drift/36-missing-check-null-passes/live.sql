CREATE TABLE stock (id integer PRIMARY KEY, quantity integer);
INSERT INTO stock VALUES (1, 5), (2, 0), (3, -1), (4, NULL), (5, NULL), (6, 12);
