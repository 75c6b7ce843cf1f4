-- covers: list-partitioned table, partitions with multi-value IN lists, NULL in list, default partition, partition attached via ALTER TABLE ATTACH PARTITION, partition with its own extra constraint and index, expression partition key
CREATE TABLE orders (
    id bigint NOT NULL,
    region text,
    status text NOT NULL,
    amount numeric(12,2),
    created_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('de', 'fr', 'it', 'es');
CREATE TABLE orders_na PARTITION OF orders (
    CONSTRAINT orders_na_amount_positive CHECK (amount > 0)
) FOR VALUES IN ('us', 'ca', 'mx');
CREATE TABLE orders_unknown PARTITION OF orders FOR VALUES IN (NULL);
CREATE TABLE orders_other PARTITION OF orders DEFAULT;
CREATE TABLE orders_apac (LIKE orders INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE orders ATTACH PARTITION orders_apac FOR VALUES IN ('jp', 'au', 'nz');
CREATE INDEX orders_na_status_idx ON orders_na (status);
CREATE INDEX orders_created_idx ON orders (created_at);
CREATE TABLE logs (
    id bigint NOT NULL,
    level text NOT NULL,
    message text
) PARTITION BY LIST (lower(level));
CREATE TABLE logs_error PARTITION OF logs FOR VALUES IN ('error', 'fatal');
CREATE TABLE logs_rest PARTITION OF logs DEFAULT;
