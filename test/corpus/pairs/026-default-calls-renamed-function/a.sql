CREATE FUNCTION next_invoice_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT 'INV-' || floor(random() * 1e6)::text $$;
CREATE TABLE invoices (id integer PRIMARY KEY, code text NOT NULL DEFAULT next_invoice_code());
INSERT INTO invoices VALUES (1, 'INV-1');
