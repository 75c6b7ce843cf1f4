CREATE TABLE hits (id integer PRIMARY KEY, path text NOT NULL, status integer NOT NULL);
INSERT INTO hits VALUES (1, '/', 200), (2, '/x', 404), (3, '/', 500);
CREATE MATERIALIZED VIEW path_hits AS SELECT path, count(*) AS n FROM hits WHERE status < 500 GROUP BY path;
CREATE UNIQUE INDEX path_hits_path ON path_hits (path);
