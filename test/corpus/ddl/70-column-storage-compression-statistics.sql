-- covers: column STORAGE (only where it differs from the type default), COMPRESSION, statistics targets (-1 up to 16 and NULL from 17 are the same default; 0 is a target), on tables, partitions and through ALTER TABLE
CREATE TABLE docs (
    id integer PRIMARY KEY,
    body text,
    raw bytea,
    notes text COMPRESSION pglz,
    n integer
);
ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE docs ALTER COLUMN raw SET STORAGE MAIN;
ALTER TABLE docs ALTER COLUMN n SET STORAGE PLAIN;
ALTER TABLE docs ALTER COLUMN id SET STATISTICS 0;
ALTER TABLE docs ALTER COLUMN body SET STATISTICS 1000;
ALTER TABLE docs ALTER COLUMN n SET STATISTICS -1;
CREATE TABLE measures (at date NOT NULL, v numeric) PARTITION BY RANGE (at);
ALTER TABLE measures ALTER COLUMN v SET STORAGE MAIN;
CREATE TABLE measures_2024 PARTITION OF measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measures_2024 ALTER COLUMN v SET STATISTICS 250;
