CREATE DOMAIN zip_code AS text CONSTRAINT zip_code_check CHECK (VALUE ~ '^[0-9]{5}$');
CREATE TABLE addresses (id integer PRIMARY KEY, street text NOT NULL, zip zip_code);
INSERT INTO addresses VALUES (1, 'Main St', '12345');
