CREATE TYPE loan_state AS ENUM ('open', 'overdue', 'closed');
CREATE TABLE loans (id integer PRIMARY KEY, state loan_state NOT NULL);
CREATE INDEX loans_open ON loans (id) WHERE state = 'open';
INSERT INTO loans VALUES (1, 'open'), (2, 'closed');
