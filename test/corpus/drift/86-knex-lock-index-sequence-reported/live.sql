CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);
-- What knex creates: knex_migrations_lock's key column is called "index" (increments), so its sequence is
-- knex_migrations_lock_index_seq.
CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255), batch integer, migration_time timestamptz);
CREATE TABLE knex_migrations_lock (index serial PRIMARY KEY, is_locked integer);
