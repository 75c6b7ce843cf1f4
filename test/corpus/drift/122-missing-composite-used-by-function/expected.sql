CREATE TABLE item (id int PRIMARY KEY, price numeric NOT NULL);
CREATE TYPE price_range AS (low numeric, high numeric);
CREATE FUNCTION items_in(r price_range) RETURNS SETOF item
LANGUAGE sql STABLE AS $$ SELECT * FROM item WHERE price BETWEEN r.low AND r.high $$;
