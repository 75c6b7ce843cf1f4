CREATE TABLE payments (id integer PRIMARY KEY, account text NOT NULL, cents bigint NOT NULL);
INSERT INTO payments VALUES (1, 'acme', 1200), (2, 'acme', -200), (3, 'init', 500);
