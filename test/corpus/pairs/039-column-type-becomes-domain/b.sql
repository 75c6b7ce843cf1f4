CREATE DOMAIN email_address AS text CONSTRAINT email_address_check CHECK (VALUE LIKE '%_@_%');
CREATE TABLE subscribers (id integer PRIMARY KEY, email email_address NOT NULL);
INSERT INTO subscribers VALUES (1, 'a@example.org'), (2, 'b@example.org');
