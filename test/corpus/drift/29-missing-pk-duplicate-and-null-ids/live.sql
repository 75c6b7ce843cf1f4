CREATE TABLE payments (id integer, amount numeric(10,2) NOT NULL);
INSERT INTO payments (id, amount) VALUES
    (1, 10), (2, 20), (2, 21), (3, 30), (3, 31), (3, 32), (NULL, 40), (NULL, 41), (4, 50);
