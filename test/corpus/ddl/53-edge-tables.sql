-- covers: edge cases: table with zero columns, table with dropped columns (attisdropped), renamed columns/constraints/indexes, empty schema, table without primary key, column added later via ALTER with default, NOT NULL added later, default dropped, column type altered
CREATE SCHEMA empty_schema;
CREATE TABLE no_columns ();
CREATE TABLE evolving (
    id integer,
    obsolete text,
    old_name text,
    temp_col integer DEFAULT 5,
    amount integer
);
ALTER TABLE evolving DROP COLUMN obsolete;
ALTER TABLE evolving RENAME COLUMN old_name TO new_name;
ALTER TABLE evolving ADD COLUMN added_later timestamptz NOT NULL DEFAULT '2024-01-01 00:00:00+00';
ALTER TABLE evolving ALTER COLUMN id SET NOT NULL;
ALTER TABLE evolving ALTER COLUMN temp_col DROP DEFAULT;
ALTER TABLE evolving ALTER COLUMN amount TYPE bigint;
ALTER TABLE evolving ADD CONSTRAINT evolving_tmp_pk PRIMARY KEY (id);
ALTER TABLE evolving RENAME CONSTRAINT evolving_tmp_pk TO evolving_pkey_renamed;
CREATE INDEX evolving_tmp_idx ON evolving (new_name);
ALTER INDEX evolving_tmp_idx RENAME TO evolving_new_name_idx;
ALTER TABLE evolving DROP COLUMN temp_col;
CREATE TABLE heap_no_pk (
    a integer,
    b text,
    c boolean NOT NULL DEFAULT false
);
