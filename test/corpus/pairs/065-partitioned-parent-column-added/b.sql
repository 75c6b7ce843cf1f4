CREATE TABLE metrics (id bigint NOT NULL, taken_on date NOT NULL, value double precision, unit text) PARTITION BY RANGE (taken_on);
CREATE TABLE metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE metrics_2025 PARTITION OF metrics FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO metrics VALUES (1, '2024-05-01', 1.5), (2, '2025-02-01', 2.5);
