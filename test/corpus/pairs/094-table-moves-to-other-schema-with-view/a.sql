CREATE SCHEMA archive;
CREATE TABLE old_orders (id integer PRIMARY KEY, total numeric NOT NULL);
CREATE VIEW old_order_count AS SELECT count(*) AS n FROM old_orders;
