CREATE SCHEMA archive;
CREATE TABLE archive.old_orders (id integer PRIMARY KEY, total numeric NOT NULL);
CREATE VIEW old_order_count AS SELECT count(*) AS n FROM archive.old_orders;
