CREATE TABLE purchases (id integer PRIMARY KEY, vendor_id integer, amount numeric NOT NULL);
INSERT INTO purchases VALUES (1, NULL, 9.5), (2, NULL, 3);
