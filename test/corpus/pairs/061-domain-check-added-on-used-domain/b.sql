CREATE DOMAIN percent AS integer CONSTRAINT percent_range CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE scores (id integer PRIMARY KEY, pct percent NOT NULL);
INSERT INTO scores VALUES (1, 0), (2, 95);
