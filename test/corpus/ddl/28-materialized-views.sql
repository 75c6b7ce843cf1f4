-- covers: materialized views WITH NO DATA and WITH DATA (with small INSERTs), unique index on a materialized view, regular and expression index on a materialized view, matview with storage params, matview in non-public schema, comment on materialized view
CREATE SCHEMA analytics;
CREATE TABLE page_hits (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path text NOT NULL,
    hit_at timestamptz NOT NULL,
    user_agent text
);
INSERT INTO page_hits (path, hit_at, user_agent) VALUES
    ('/', '2024-01-01 10:00:00+00', 'curl'),
    ('/about', '2024-01-01 11:00:00+00', 'firefox'),
    ('/', '2024-01-02 09:30:00+00', 'chrome');
CREATE MATERIALIZED VIEW daily_hits AS
    SELECT date_trunc('day', hit_at) AS day, path, count(*) AS hits
    FROM page_hits
    GROUP BY 1, 2
WITH DATA;
CREATE UNIQUE INDEX daily_hits_day_path_uidx ON daily_hits (day, path);
CREATE INDEX daily_hits_hits_idx ON daily_hits (hits DESC);
CREATE MATERIALIZED VIEW analytics.path_stats WITH (fillfactor = 90) AS
    SELECT path, count(*) AS total, max(hit_at) AS last_hit
    FROM page_hits
    GROUP BY path
WITH NO DATA;
CREATE INDEX path_stats_lower_path_idx ON analytics.path_stats (lower(path));
CREATE MATERIALIZED VIEW agent_counts (agent, n) AS
    SELECT user_agent, count(*) FROM page_hits GROUP BY user_agent;
COMMENT ON MATERIALIZED VIEW daily_hits IS 'hits per day per path';
