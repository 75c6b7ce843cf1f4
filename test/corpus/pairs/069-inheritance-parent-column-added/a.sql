CREATE TABLE vehicles (id integer PRIMARY KEY, make text NOT NULL);
CREATE TABLE trucks (payload_kg integer) INHERITS (vehicles);
INSERT INTO vehicles VALUES (1, 'Fiat');
INSERT INTO trucks VALUES (2, 'Volvo', 12000);
