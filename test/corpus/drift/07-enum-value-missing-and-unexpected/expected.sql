CREATE TYPE ticket_state AS ENUM ('open', 'closed', 'won''t fix');
CREATE TABLE tickets (id integer PRIMARY KEY, state ticket_state NOT NULL DEFAULT 'open');
