CREATE TABLE events (id integer PRIMARY KEY, happened_on date NOT NULL);
