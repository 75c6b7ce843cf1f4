CREATE TABLE readings (sensor_id integer NOT NULL, taken_on date NOT NULL, value numeric) PARTITION BY RANGE (taken_on);
CREATE TABLE readings_2026 PARTITION OF readings FOR VALUES FROM ('2026-01-01') TO ('2026-07-01');
INSERT INTO readings VALUES (1, '2026-02-01', 1.5), (2, '2026-06-30', 2.5);
