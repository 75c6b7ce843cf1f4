CREATE TABLE item (id int PRIMARY KEY, price numeric NOT NULL);
