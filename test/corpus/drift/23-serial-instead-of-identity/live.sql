CREATE TABLE widgets (id serial PRIMARY KEY, label text NOT NULL);
INSERT INTO widgets (label) VALUES ('one'), ('two');
