CREATE TABLE sessions (token text PRIMARY KEY, user_id integer NOT NULL, expires_at timestamptz NOT NULL);
