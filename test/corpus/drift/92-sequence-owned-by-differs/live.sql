CREATE TABLE orders (id integer PRIMARY KEY, ref text);
CREATE SEQUENCE order_ref_seq;
INSERT INTO orders VALUES (1, 'a');
