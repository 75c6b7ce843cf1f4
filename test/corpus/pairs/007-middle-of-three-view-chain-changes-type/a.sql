CREATE TABLE readings (id integer PRIMARY KEY, sensor text NOT NULL, value integer NOT NULL);
INSERT INTO readings VALUES (1, 's1', 10), (2, 's1', 20), (3, 's2', 5);
CREATE VIEW r1 AS SELECT sensor, value FROM readings;
CREATE VIEW r2 AS SELECT sensor, max(value) AS peak FROM r1 GROUP BY sensor;
CREATE VIEW r3 AS SELECT sensor FROM r2 WHERE peak > 1;
