CREATE TABLE orders (id integer PRIMARY KEY, ref text);
CREATE SEQUENCE order_ref_seq OWNED BY orders.id;
