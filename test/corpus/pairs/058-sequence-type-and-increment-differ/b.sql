CREATE SEQUENCE ticket_no AS bigint INCREMENT BY 2;
CREATE TABLE tickets (no integer NOT NULL DEFAULT nextval('ticket_no') PRIMARY KEY, subject text);
INSERT INTO tickets (subject) VALUES ('a'), ('b');
