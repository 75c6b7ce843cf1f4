CREATE TYPE job_state AS ENUM ('queued', 'done');
CREATE TABLE queue (id integer PRIMARY KEY, state job_state NOT NULL DEFAULT 'queued');
INSERT INTO queue VALUES (1, 'queued'), (2, 'done');
