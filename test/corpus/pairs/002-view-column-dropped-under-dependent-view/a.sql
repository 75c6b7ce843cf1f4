CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL);
INSERT INTO items VALUES (1, 'bolt', 0.10), (2, 'nut', 0.05);
CREATE VIEW item_list AS SELECT id, name, price FROM items;
CREATE VIEW item_names AS SELECT id, name FROM item_list;
