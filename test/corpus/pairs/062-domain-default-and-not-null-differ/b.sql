CREATE DOMAIN sku_code AS text DEFAULT 'UNASSIGNED' NOT NULL;
CREATE TABLE products (id integer PRIMARY KEY, sku sku_code);
INSERT INTO products VALUES (1, 'A-1'), (2, 'B-2');
