CREATE DOMAIN phone_number AS text CONSTRAINT phone_number_check CHECK (VALUE ~ '^\+[0-9]{6,15}$');
CREATE TABLE contacts (id integer PRIMARY KEY, name text NOT NULL, phone phone_number);
INSERT INTO contacts VALUES (1, 'Ann'), (2, 'Bob');
