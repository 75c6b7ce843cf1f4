CREATE SEQUENCE month_ring MINVALUE 1 MAXVALUE 100 NO CYCLE CACHE 1;
CREATE TABLE rotations (id integer PRIMARY KEY, slot bigint NOT NULL DEFAULT nextval('month_ring'));
INSERT INTO rotations (id, slot) VALUES (1, 1);
