CREATE TABLE logins (id integer PRIMARY KEY, email text NOT NULL);
CREATE UNIQUE INDEX logins_email_lower_idx ON logins (lower(email));
