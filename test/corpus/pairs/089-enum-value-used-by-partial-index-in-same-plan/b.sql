CREATE TYPE job_state AS ENUM ('queued', 'running', 'done');
CREATE TABLE queue (id integer PRIMARY KEY, state job_state NOT NULL DEFAULT 'queued');
CREATE INDEX queue_running ON queue (id) WHERE state = 'running';
INSERT INTO queue VALUES (1, 'queued'), (2, 'done');
