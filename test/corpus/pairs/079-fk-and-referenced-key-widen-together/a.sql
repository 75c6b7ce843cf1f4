CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id));
INSERT INTO customers VALUES (1, 'a'), (2, 'b');
INSERT INTO orders VALUES (10, 1), (11, 2);
