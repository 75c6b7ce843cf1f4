CREATE DOMAIN amount AS integer CHECK (VALUE >= 0);
CREATE TABLE payments (id integer PRIMARY KEY, paid amount NOT NULL);
INSERT INTO payments VALUES (1, 10);
