CREATE FUNCTION new_ticket_ref() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT 'T-' || to_char(clock_timestamp(), 'YYYYMMDD') $$;
CREATE TABLE tickets (id integer PRIMARY KEY, ref text NOT NULL DEFAULT new_ticket_ref());
INSERT INTO tickets VALUES (1, 'T-1'), (2, 'T-2');
