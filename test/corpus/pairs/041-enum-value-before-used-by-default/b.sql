CREATE TYPE ticket_status AS ENUM ('new', 'triaged', 'closed');
CREATE TABLE tickets (id integer PRIMARY KEY, status ticket_status NOT NULL DEFAULT 'triaged');
INSERT INTO tickets VALUES (1, 'new'), (2, 'closed');
