CREATE TYPE ticket_status AS ENUM ('new', 'closed');
CREATE TABLE tickets (id integer PRIMARY KEY, status ticket_status NOT NULL DEFAULT 'new');
INSERT INTO tickets VALUES (1, 'new'), (2, 'closed');
