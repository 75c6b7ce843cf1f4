CREATE TABLE warehouses (
    region text NOT NULL,
    code   text NOT NULL,
    CONSTRAINT warehouses_pkey PRIMARY KEY (region, code)
);
CREATE TABLE shipments (
    id     integer PRIMARY KEY,
    region text,
    code   text,
    CONSTRAINT shipments_warehouse_fkey FOREIGN KEY (region, code) REFERENCES warehouses (region, code) MATCH FULL
);
