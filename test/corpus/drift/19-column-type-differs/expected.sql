CREATE TABLE order_lines (
    id    integer PRIMARY KEY,
    sku   varchar(64) NOT NULL,
    qty   bigint NOT NULL,
    price numeric(12,2) NOT NULL,
    note  text
);
