CREATE TABLE events (id integer PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL);
INSERT INTO events VALUES (1, 'login', '2024-01-01 10:00+00'), (2, 'logout', '2024-01-01 11:00+00');
