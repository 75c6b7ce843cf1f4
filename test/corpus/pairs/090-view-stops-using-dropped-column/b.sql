CREATE TABLE clients (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO clients VALUES (1, 'acme'), (2, 'init');
CREATE VIEW client_list AS SELECT id, name FROM clients;
