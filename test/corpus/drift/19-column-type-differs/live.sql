CREATE TABLE order_lines (
    id    integer PRIMARY KEY,
    sku   varchar(32) NOT NULL,
    qty   integer NOT NULL,
    price numeric(12,2) NOT NULL,
    note  text
);
INSERT INTO order_lines VALUES (1, 'A-1', 2, 9.99, NULL);
