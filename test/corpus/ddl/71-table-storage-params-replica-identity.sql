-- covers: storage parameters (fillfactor, autovacuum_*, toast.*, toast_tuple_target), replica identity FULL, NOTHING and USING INDEX (a unique index and a unique constraint's index), materialized view storage parameters
CREATE TABLE orders (id integer PRIMARY KEY, total numeric) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02, autovacuum_enabled = false);
CREATE TABLE blobs (id integer PRIMARY KEY, data text) WITH (toast.autovacuum_enabled = false, toast_tuple_target = 512);
CREATE TABLE audit (id integer PRIMARY KEY, what text);
ALTER TABLE audit REPLICA IDENTITY FULL;
CREATE TABLE scratch (v text);
ALTER TABLE scratch REPLICA IDENTITY NOTHING;
CREATE TABLE accounts (id integer PRIMARY KEY, email text NOT NULL);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
ALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_email_key;
CREATE TABLE codes (code text NOT NULL CONSTRAINT codes_code_key UNIQUE, label text);
ALTER TABLE codes REPLICA IDENTITY USING INDEX codes_code_key;
ALTER TABLE codes SET (fillfactor = 60);
CREATE MATERIALIZED VIEW order_totals WITH (fillfactor = 70) AS SELECT id, total FROM orders;
