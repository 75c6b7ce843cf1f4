CREATE TABLE rects (id integer PRIMARY KEY, w integer NOT NULL, h integer NOT NULL, area integer);
INSERT INTO rects (id, w, h, area) VALUES (1, 2, 3, 6), (2, 4, 5, 20);
