CREATE SCHEMA reporting;
CREATE TABLE shipments (id integer PRIMARY KEY, carrier varchar(30) NOT NULL, weight_g integer NOT NULL);
INSERT INTO shipments VALUES (1, 'DHL', 500), (2, 'UPS', 1200);
CREATE VIEW reporting.shipments_by_carrier AS SELECT carrier, sum(weight_g) AS grams FROM public.shipments GROUP BY carrier;
