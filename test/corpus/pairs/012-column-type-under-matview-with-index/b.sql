CREATE TABLE visits (id integer PRIMARY KEY, page varchar(200) NOT NULL, ms integer NOT NULL);
INSERT INTO visits VALUES (1, '/', 120), (2, '/about', 80), (3, '/', 60);
CREATE MATERIALIZED VIEW page_stats AS SELECT page, count(*) AS n, sum(ms) AS total_ms FROM visits GROUP BY page;
CREATE UNIQUE INDEX page_stats_page ON page_stats (page);
