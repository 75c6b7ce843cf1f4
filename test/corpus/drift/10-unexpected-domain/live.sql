CREATE DOMAIN old_phone AS varchar(20);
CREATE TABLE contacts (id integer PRIMARY KEY, email text);
