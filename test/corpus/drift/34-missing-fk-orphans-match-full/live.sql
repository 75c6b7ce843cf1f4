CREATE TABLE warehouses (
    region text NOT NULL,
    code   text NOT NULL,
    CONSTRAINT warehouses_pkey PRIMARY KEY (region, code)
);
CREATE TABLE shipments (id integer PRIMARY KEY, region text, code text);
INSERT INTO warehouses VALUES ('eu', 'a'), ('us', 'b');
INSERT INTO shipments VALUES
    (1, 'eu', 'a'), (2, 'us', 'b'), (3, 'eu', 'z'), (4, 'eu', NULL), (5, NULL, 'b'), (6, NULL, NULL);
