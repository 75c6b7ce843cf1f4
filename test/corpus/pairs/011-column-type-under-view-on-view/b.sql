CREATE TABLE stock (id integer PRIMARY KEY, sku varchar(12) NOT NULL, qty bigint NOT NULL);
INSERT INTO stock VALUES (1, 'A1', 3), (2, 'B2', 0);
CREATE VIEW stock_all AS SELECT id, sku, qty FROM stock;
CREATE VIEW stock_empty AS SELECT sku FROM stock_all WHERE qty = 0;
