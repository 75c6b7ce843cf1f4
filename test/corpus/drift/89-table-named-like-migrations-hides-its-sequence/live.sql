CREATE TABLE users (id integer PRIMARY KEY);
CREATE TABLE data_migrations (id serial PRIMARY KEY, name text);
