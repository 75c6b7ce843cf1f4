CREATE TABLE reservations (id integer PRIMARY KEY, during tstzrange NOT NULL);
INSERT INTO reservations VALUES (1, '[2024-01-01 10:00+00, 2024-01-01 11:00+00)'), (2, '[2024-01-01 10:30+00, 2024-01-01 12:00+00)');
