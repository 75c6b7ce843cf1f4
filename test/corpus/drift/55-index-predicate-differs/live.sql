CREATE TABLE jobs (id integer PRIMARY KEY, queue text NOT NULL, finished_at timestamptz);
CREATE INDEX jobs_pending_idx ON jobs (queue);
