CREATE DOMAIN money_cents AS bigint CONSTRAINT money_cents_check CHECK (VALUE >= 0);
CREATE TABLE wallets (id integer PRIMARY KEY, balance money_cents NOT NULL);
INSERT INTO wallets VALUES (1, 0), (2, 1500);
