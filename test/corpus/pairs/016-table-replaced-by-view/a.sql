CREATE TABLE sales (id integer PRIMARY KEY, region text NOT NULL, amount numeric NOT NULL);
INSERT INTO sales VALUES (1, 'north', 10), (2, 'south', 20), (3, 'north', 5);
CREATE TABLE sales_by_region (region text PRIMARY KEY, total numeric NOT NULL);
