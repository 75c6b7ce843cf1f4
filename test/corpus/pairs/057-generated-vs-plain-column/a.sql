CREATE TABLE rects (id integer PRIMARY KEY, w integer NOT NULL, h integer NOT NULL,
    area integer GENERATED ALWAYS AS (w * h) STORED);
INSERT INTO rects (id, w, h) VALUES (1, 2, 3), (2, 4, 5);
