CREATE DOMAIN email_address AS text CHECK (VALUE ~ '@');
CREATE TABLE contacts (id integer PRIMARY KEY, email text);
