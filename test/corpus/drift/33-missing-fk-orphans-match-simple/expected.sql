CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
    id          integer PRIMARY KEY,
    customer_id integer CONSTRAINT orders_customer_id_fkey REFERENCES customers (id)
);
