CREATE TYPE ticket_state AS ENUM ('open', 'closed', 'duplicate');
CREATE TABLE tickets (id integer PRIMARY KEY, state ticket_state NOT NULL DEFAULT 'open');
INSERT INTO tickets VALUES (1, 'open'), (2, 'duplicate');
