CREATE DOMAIN percent AS integer;
CREATE TABLE scores (id integer PRIMARY KEY, pct percent NOT NULL);
INSERT INTO scores VALUES (1, 0), (2, 95);
