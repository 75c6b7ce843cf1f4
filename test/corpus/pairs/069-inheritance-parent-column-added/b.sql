CREATE TABLE vehicles (id integer PRIMARY KEY, make text NOT NULL, color text);
CREATE TABLE trucks (payload_kg integer) INHERITS (vehicles);
INSERT INTO vehicles VALUES (1, 'Fiat');
INSERT INTO trucks VALUES (2, 'Volvo', NULL, 12000);
