CREATE TABLE sales (id integer PRIMARY KEY, sold_on date NOT NULL, amount numeric(10,2) NOT NULL);
