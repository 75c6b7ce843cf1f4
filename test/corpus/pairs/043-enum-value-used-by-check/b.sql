CREATE TYPE order_state AS ENUM ('placed', 'lost', 'shipped');
CREATE TABLE shipments (id integer PRIMARY KEY, state order_state NOT NULL,
    CONSTRAINT shipments_not_lost CHECK (state <> 'lost'));
INSERT INTO shipments VALUES (1, 'placed'), (2, 'shipped');
