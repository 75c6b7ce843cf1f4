CREATE TABLE lines (
    id    integer PRIMARY KEY,
    price numeric(10,2) NOT NULL,
    qty   integer NOT NULL,
    total numeric GENERATED ALWAYS AS (price * qty + 0) STORED
);
INSERT INTO lines (id, price, qty) VALUES (1, 2.50, 4);
