CREATE TABLE cart_lines (id integer PRIMARY KEY, qty integer NOT NULL, CONSTRAINT cart_lines_qty_check CHECK (qty > 0));
