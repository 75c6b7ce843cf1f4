CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO items VALUES (1, 'bolt'), (2, 'nut'), (3, 'washer'), (4, 'screw');
