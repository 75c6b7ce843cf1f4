CREATE TABLE stock (
    id       integer PRIMARY KEY,
    quantity integer,
    CONSTRAINT stock_quantity_check CHECK (quantity > 0)
);
