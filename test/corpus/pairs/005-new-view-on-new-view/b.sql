CREATE TABLE events (id integer PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL);
INSERT INTO events VALUES (1, 'login', '2024-01-01 10:00+00'), (2, 'logout', '2024-01-01 11:00+00');
CREATE VIEW z_logins AS SELECT id, at FROM events WHERE kind = 'login';
CREATE VIEW a_login_days AS SELECT date_trunc('day', at) AS day, count(*) AS n FROM z_logins GROUP BY 1;
