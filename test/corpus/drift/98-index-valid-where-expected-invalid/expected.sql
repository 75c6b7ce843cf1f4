CREATE TABLE devices (id integer PRIMARY KEY, serial text NOT NULL);
CREATE UNIQUE INDEX devices_serial_idx ON devices (serial);
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'devices_serial_idx'::regclass;
