CREATE DOMAIN qty AS integer CONSTRAINT qty_check CHECK (VALUE > 0);
CREATE TABLE basket (id integer PRIMARY KEY, n qty NOT NULL);
INSERT INTO basket VALUES (1, 1), (2, 7);
CREATE VIEW basket_sizes AS SELECT id, n FROM basket;
