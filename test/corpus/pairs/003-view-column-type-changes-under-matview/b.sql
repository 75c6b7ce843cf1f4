CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL, amount numeric NOT NULL);
INSERT INTO orders VALUES (1, 10, 12.5), (2, 10, 3), (3, 11, 40);
CREATE VIEW order_totals AS SELECT customer_id, sum(amount)::numeric(14,2) AS total FROM orders GROUP BY customer_id;
CREATE MATERIALIZED VIEW big_customers AS SELECT customer_id, total FROM order_totals WHERE total > 10;
CREATE UNIQUE INDEX big_customers_customer_id ON big_customers (customer_id);
