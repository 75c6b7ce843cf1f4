CREATE TABLE devices (id integer NOT NULL, serial text NOT NULL, name text,
    CONSTRAINT devices_pkey PRIMARY KEY (serial));
INSERT INTO devices VALUES (1, 'SN-1', 'router'), (2, 'SN-2', 'switch');
