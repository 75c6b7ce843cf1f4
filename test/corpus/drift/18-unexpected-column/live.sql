CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, legacy_code varchar(8));
INSERT INTO customers VALUES (1, 'Ada', 'A1');
