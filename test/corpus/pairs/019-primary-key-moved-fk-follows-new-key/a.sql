CREATE TABLE warehouses (id integer NOT NULL, code text NOT NULL, CONSTRAINT warehouses_pkey PRIMARY KEY (id));
CREATE TABLE bins (id integer PRIMARY KEY, warehouse_id integer NOT NULL, warehouse_code text NOT NULL,
    CONSTRAINT bins_warehouse_fkey FOREIGN KEY (warehouse_id) REFERENCES warehouses (id));
INSERT INTO warehouses VALUES (1, 'W1'), (2, 'W2');
INSERT INTO bins VALUES (10, 1, 'W1'), (11, 2, 'W2');
