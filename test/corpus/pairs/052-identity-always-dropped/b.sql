CREATE TABLE badges (id integer NOT NULL PRIMARY KEY, name text NOT NULL);
INSERT INTO badges VALUES (1, 'gold'), (2, 'silver'), (3, 'bronze');
