CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, active boolean NOT NULL DEFAULT true, banned boolean NOT NULL DEFAULT false);
CREATE VIEW active_users AS SELECT id, email FROM users WHERE active AND NOT banned;
