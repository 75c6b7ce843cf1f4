CREATE TABLE sales (id integer PRIMARY KEY, shop text NOT NULL, day date NOT NULL, amount numeric NOT NULL);
INSERT INTO sales VALUES (1, 's1', '2024-01-01', 10), (2, 's2', '2024-01-01', 5);
CREATE MATERIALIZED VIEW daily_sales AS SELECT shop, day, sum(amount) AS total FROM sales GROUP BY shop, day;
CREATE INDEX daily_sales_day ON daily_sales (day);
