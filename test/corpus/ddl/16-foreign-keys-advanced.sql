-- covers: composite foreign keys, MATCH FULL, MATCH SIMPLE, DEFERRABLE / INITIALLY DEFERRED FKs, NOT VALID FK, self-referencing FK, cross-schema FK, FK to unique constraint (not PK), FK added via ALTER TABLE, ON DELETE SET NULL (column list)
CREATE SCHEMA inventory;
CREATE SCHEMA sales;
CREATE TABLE inventory.warehouses (
    region text NOT NULL,
    code text NOT NULL,
    name text,
    alt_code text UNIQUE,
    PRIMARY KEY (region, code)
);
CREATE TABLE inventory.stock (
    id bigint PRIMARY KEY,
    region text,
    warehouse_code text,
    CONSTRAINT stock_warehouse_fk FOREIGN KEY (region, warehouse_code)
        REFERENCES inventory.warehouses (region, code) MATCH FULL ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE sales.shipments (
    id bigint PRIMARY KEY,
    region text,
    warehouse_code text,
    alt_code text REFERENCES inventory.warehouses (alt_code) DEFERRABLE,
    stock_id bigint,
    CONSTRAINT shipments_warehouse_fk FOREIGN KEY (region, warehouse_code)
        REFERENCES inventory.warehouses (region, code) MATCH SIMPLE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
);
ALTER TABLE sales.shipments ADD CONSTRAINT shipments_stock_fk
    FOREIGN KEY (stock_id) REFERENCES inventory.stock (id) NOT VALID;
CREATE TABLE employees (
    id integer PRIMARY KEY,
    manager_id integer REFERENCES employees (id) ON DELETE SET NULL,
    mentor_id integer,
    CONSTRAINT employees_mentor_fk FOREIGN KEY (mentor_id) REFERENCES employees DEFERRABLE INITIALLY IMMEDIATE
);
CREATE TABLE tenant_docs (
    tenant_id integer NOT NULL,
    id integer NOT NULL,
    parent_id integer,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT tenant_docs_parent_fk FOREIGN KEY (tenant_id, parent_id)
        REFERENCES tenant_docs (tenant_id, id) ON DELETE SET NULL (parent_id)
);
