CREATE TABLE payments (id integer NOT NULL, amount numeric(10,2) NOT NULL);
INSERT INTO payments (id, amount) VALUES (1, 10), (2, 20), (3, 30);
