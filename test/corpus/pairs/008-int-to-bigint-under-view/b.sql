CREATE TABLE counters (id integer PRIMARY KEY, hits bigint NOT NULL DEFAULT 0);
INSERT INTO counters VALUES (1, 5), (2, 70000);
CREATE VIEW busy_counters AS SELECT id, hits FROM counters WHERE hits > 100;
