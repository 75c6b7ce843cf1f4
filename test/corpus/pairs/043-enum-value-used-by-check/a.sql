CREATE TYPE order_state AS ENUM ('placed', 'shipped');
CREATE TABLE shipments (id integer PRIMARY KEY, state order_state NOT NULL);
INSERT INTO shipments VALUES (1, 'placed'), (2, 'shipped');
