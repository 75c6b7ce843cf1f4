CREATE SEQUENCE month_ring MINVALUE 1 MAXVALUE 12 CYCLE CACHE 4;
CREATE TABLE rotations (id integer PRIMARY KEY, slot bigint NOT NULL DEFAULT nextval('month_ring'));
INSERT INTO rotations (id, slot) VALUES (1, 1);
