CREATE TYPE loan_state AS ENUM ('open', 'overdue', 'written_off', 'closed');
CREATE TABLE loans (id integer PRIMARY KEY, state loan_state NOT NULL,
    CONSTRAINT loans_state_check CHECK (state <> 'written_off'));
CREATE INDEX loans_open ON loans (id) WHERE state = 'open';
INSERT INTO loans VALUES (1, 'open'), (2, 'closed');
