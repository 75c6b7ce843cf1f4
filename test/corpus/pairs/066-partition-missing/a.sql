CREATE TABLE logs (id bigint NOT NULL, level text NOT NULL, msg text) PARTITION BY LIST (level);
CREATE TABLE logs_error PARTITION OF logs FOR VALUES IN ('error');
INSERT INTO logs VALUES (1, 'error', 'disk full');
