CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Brian');
INSERT INTO orders VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 4), (6, NULL), (7, NULL), (8, 1);
