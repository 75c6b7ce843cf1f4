CREATE DOMAIN amount AS numeric(12,2) CHECK (VALUE >= 0);
CREATE TABLE payments (id integer PRIMARY KEY, paid amount NOT NULL);
