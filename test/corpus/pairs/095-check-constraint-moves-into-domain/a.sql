CREATE DOMAIN money_cents AS bigint;
CREATE TABLE wallets (id integer PRIMARY KEY, balance money_cents NOT NULL,
    CONSTRAINT wallets_balance_check CHECK (balance >= 0));
INSERT INTO wallets VALUES (1, 0), (2, 1500);
