-- covers: range-partitioned table, partitions with FROM/TO (incl. MINVALUE/MAXVALUE), default partition, multi-column range key, partitioned index and PK, sub-partitioning (range -> hash), partition in other schema
CREATE SCHEMA archive;
CREATE TABLE measurements (
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peaktemp integer,
    unitsales integer,
    PRIMARY KEY (city_id, logdate)
) PARTITION BY RANGE (logdate);
CREATE TABLE measurements_y2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE measurements_y2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY HASH (city_id);
CREATE TABLE measurements_y2024_h0 PARTITION OF measurements_y2024 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE measurements_y2024_h1 PARTITION OF measurements_y2024 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE archive.measurements_old PARTITION OF measurements FOR VALUES FROM (MINVALUE) TO ('2023-01-01');
CREATE TABLE measurements_future PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO (MAXVALUE);
CREATE INDEX measurements_peaktemp_idx ON measurements (peaktemp);
CREATE TABLE metrics (
    year integer NOT NULL,
    month integer NOT NULL,
    value double precision
) PARTITION BY RANGE (year, month);
CREATE TABLE metrics_2024_h1 PARTITION OF metrics FOR VALUES FROM (2024, 1) TO (2024, 7);
CREATE TABLE metrics_2024_h2 PARTITION OF metrics FOR VALUES FROM (2024, 7) TO (2025, 1);
CREATE TABLE metrics_default PARTITION OF metrics DEFAULT;
