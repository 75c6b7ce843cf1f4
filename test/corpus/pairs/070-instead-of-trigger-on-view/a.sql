CREATE TABLE accounts (id integer PRIMARY KEY, name text NOT NULL, deleted boolean NOT NULL DEFAULT false);
INSERT INTO accounts VALUES (1, 'a', false), (2, 'b', true);
CREATE VIEW live_accounts AS SELECT id, name FROM accounts WHERE NOT deleted;
