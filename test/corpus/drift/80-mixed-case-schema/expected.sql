CREATE SCHEMA "Sales";
CREATE TABLE "Sales".orders (
    id       integer PRIMARY KEY,
    total    numeric(10,2) NOT NULL,
    "Region" text NOT NULL,
    CONSTRAINT orders_total_check CHECK (total >= 0)
);
CREATE INDEX orders_region_idx ON "Sales".orders ("Region");
