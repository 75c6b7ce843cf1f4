CREATE TABLE cart_lines (id integer PRIMARY KEY, qty integer NOT NULL, CONSTRAINT cart_lines_qty_check CHECK (qty >= 0));
INSERT INTO cart_lines VALUES (1, 0), (2, 0), (3, 5);
