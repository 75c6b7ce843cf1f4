CREATE TABLE events (id serial PRIMARY KEY, name text NOT NULL);
INSERT INTO events (name) VALUES ('a'), ('b');
CREATE VIEW event_ids AS SELECT id FROM events;
