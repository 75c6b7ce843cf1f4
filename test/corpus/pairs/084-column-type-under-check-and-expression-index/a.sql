CREATE TABLE measurements (id integer PRIMARY KEY, mm integer NOT NULL, CONSTRAINT measurements_mm_check CHECK (mm > 0));
CREATE INDEX measurements_cm ON measurements ((mm / 10));
INSERT INTO measurements VALUES (1, 15), (2, 230);
