CREATE TABLE sales (id integer PRIMARY KEY, region text NOT NULL, amount numeric NOT NULL);
INSERT INTO sales VALUES (1, 'north', 10), (2, 'south', 20), (3, 'north', 5);
CREATE VIEW sales_by_region AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
