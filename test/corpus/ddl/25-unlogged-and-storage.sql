-- covers: UNLOGGED tables (incl. with identity and index), table storage parameters (fillfactor, autovacuum_*, toast.*), column STORAGE and COMPRESSION settings, column statistics target, inheritance (INHERITS), LIKE ... INCLUDING ALL
CREATE UNLOGGED TABLE cache_entries (
    key text PRIMARY KEY,
    value bytea,
    expires_at timestamptz
);
CREATE INDEX cache_entries_expires_idx ON cache_entries (expires_at);
CREATE UNLOGGED TABLE job_queue (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payload jsonb NOT NULL
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_enabled = true);
CREATE TABLE big_blobs (
    id integer PRIMARY KEY,
    content text,
    raw bytea COMPRESSION pglz,
    notes text
) WITH (toast.autovacuum_enabled = false, fillfactor = 90);
ALTER TABLE big_blobs ALTER COLUMN content SET STORAGE EXTERNAL;
ALTER TABLE big_blobs ALTER COLUMN notes SET STORAGE MAIN;
ALTER TABLE big_blobs ALTER COLUMN notes SET STATISTICS 500;
CREATE TABLE base_entity (
    id integer PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT base_entity_id_positive CHECK (id > 0)
);
CREATE TABLE derived_entity (
    extra text
) INHERITS (base_entity);
CREATE TABLE copied_entity (LIKE base_entity INCLUDING ALL, label text);
