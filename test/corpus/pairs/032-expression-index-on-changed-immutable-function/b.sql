CREATE FUNCTION norm_email(e text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(e)) $$;
CREATE TABLE members (id integer PRIMARY KEY, email text NOT NULL);
INSERT INTO members VALUES (1, 'Ann@Example.org'), (2, 'bob@example.org');
CREATE UNIQUE INDEX members_email_norm ON members (norm_email(email));
