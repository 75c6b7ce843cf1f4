CREATE TABLE clients (id integer PRIMARY KEY, name text NOT NULL, legacy_code text);
INSERT INTO clients VALUES (1, 'acme', 'X1'), (2, 'init', NULL);
CREATE VIEW client_list AS SELECT id, name, legacy_code FROM clients;
