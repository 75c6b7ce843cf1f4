-- The database's index is valid; the manifest was snapshotted from a database where its CREATE INDEX CONCURRENTLY
-- had been interrupted (INVALID). Stricter than expected: info, not drift.
CREATE TABLE devices (id integer PRIMARY KEY, serial text NOT NULL);
INSERT INTO devices VALUES (1, 'A'), (2, 'B');
CREATE UNIQUE INDEX devices_serial_idx ON devices (serial);
