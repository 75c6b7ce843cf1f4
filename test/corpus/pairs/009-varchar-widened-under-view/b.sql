CREATE TABLE customers (id integer PRIMARY KEY, code varchar(50) NOT NULL, city varchar(30));
INSERT INTO customers VALUES (1, 'C-001', 'Lyon'), (2, 'C-002', NULL);
CREATE VIEW customer_codes AS SELECT id, code, city FROM customers;
