CREATE TABLE payments (id integer PRIMARY KEY, account text NOT NULL, cents bigint NOT NULL);
INSERT INTO payments VALUES (1, 'acme', 1200), (2, 'acme', -200), (3, 'init', 500);
CREATE VIEW z_credits AS SELECT id, account, cents FROM payments WHERE cents > 0;
CREATE VIEW m_credit_sums AS SELECT account, sum(cents) AS cents FROM z_credits GROUP BY account;
CREATE VIEW a_top_account AS SELECT account FROM m_credit_sums ORDER BY cents DESC LIMIT 1;
