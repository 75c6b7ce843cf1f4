CREATE TABLE events (id bigserial PRIMARY KEY, name text NOT NULL);
INSERT INTO events (name) VALUES ('a'), ('b');
CREATE VIEW event_ids AS SELECT id FROM events;
