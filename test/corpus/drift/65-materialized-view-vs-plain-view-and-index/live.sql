CREATE TABLE sales (id integer PRIMARY KEY, sold_on date NOT NULL, amount numeric(10,2) NOT NULL);
CREATE MATERIALIZED VIEW daily_sales AS SELECT sold_on, sum(amount) AS total FROM sales GROUP BY sold_on;
CREATE VIEW monthly_sales AS SELECT date_trunc('month', sold_on) AS month, sum(amount) AS total FROM sales GROUP BY 1;
CREATE MATERIALIZED VIEW sales_by_amount AS SELECT amount, count(*) AS n FROM sales GROUP BY amount;
