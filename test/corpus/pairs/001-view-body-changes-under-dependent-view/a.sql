CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL, active boolean NOT NULL DEFAULT true);
INSERT INTO products VALUES (1, 'pen', true), (2, 'ink', false);
CREATE VIEW active_products AS SELECT id, name FROM products WHERE active;
CREATE VIEW active_product_names AS SELECT name FROM active_products;
