CREATE TYPE weekday AS ENUM ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
CREATE TABLE shifts (id integer PRIMARY KEY, day weekday NOT NULL DEFAULT 'mon');
INSERT INTO shifts VALUES (1, 'mon'), (2, 'fri');
