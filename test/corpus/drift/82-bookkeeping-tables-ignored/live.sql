CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);
CREATE TABLE schema_migrations (version text PRIMARY KEY);
CREATE TABLE knex_migrations (id serial PRIMARY KEY, name text, batch integer, migration_time timestamptz);
CREATE TABLE "SequelizeMeta" (name varchar(255) PRIMARY KEY);
CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY, version varchar(50), script varchar(1000) NOT NULL);
INSERT INTO schema_migrations VALUES ('20240101000000');
