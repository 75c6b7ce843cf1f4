CREATE SCHEMA billing;
CREATE TABLE billing.charges (id integer PRIMARY KEY, account text NOT NULL, cents bigint NOT NULL);
INSERT INTO billing.charges VALUES (1, 'x', 100), (2, 'y', 300);
CREATE VIEW billing.charge_totals AS SELECT account, sum(cents) AS cents FROM billing.charges GROUP BY account;
CREATE MATERIALIZED VIEW billing.top_accounts AS SELECT account FROM billing.charge_totals WHERE cents > 200;
CREATE VIEW billing.top_account_count AS SELECT count(*) AS n FROM billing.top_accounts;
