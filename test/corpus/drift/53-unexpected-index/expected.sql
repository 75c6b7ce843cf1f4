CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
