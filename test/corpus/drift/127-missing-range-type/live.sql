CREATE TABLE booking (id int PRIMARY KEY, starts_at timestamptz NOT NULL);
