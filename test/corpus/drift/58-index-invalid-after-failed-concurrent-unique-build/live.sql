-- What a CREATE UNIQUE INDEX CONCURRENTLY that failed on duplicates leaves behind: an index that is neither
-- valid nor ready (so it is not maintained), over data with duplicates. Simulated through pg_index.
CREATE TABLE devices (id integer PRIMARY KEY, serial text NOT NULL);
INSERT INTO devices VALUES (1, 'A'), (2, 'B');
CREATE UNIQUE INDEX devices_serial_idx ON devices (serial);
UPDATE pg_index SET indisvalid = false, indisready = false WHERE indexrelid = 'devices_serial_idx'::regclass;
INSERT INTO devices VALUES (3, 'A'), (4, 'A'), (5, 'B'), (6, 'C');
