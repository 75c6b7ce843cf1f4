CREATE TABLE badges (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
INSERT INTO badges (name) VALUES ('gold'), ('silver'), ('bronze');
