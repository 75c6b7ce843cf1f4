CREATE TABLE clicks (id bigint NOT NULL, day date NOT NULL, count integer NOT NULL) PARTITION BY RANGE (day);
CREATE TABLE clicks_2024 PARTITION OF clicks FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO clicks VALUES (1, '2024-06-01', 42);
CREATE VIEW click_totals AS SELECT day, sum(count) AS total FROM clicks GROUP BY day;
