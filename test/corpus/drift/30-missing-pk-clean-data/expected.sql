CREATE TABLE payments (id integer PRIMARY KEY, amount numeric(10,2) NOT NULL);
