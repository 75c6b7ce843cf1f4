CREATE FUNCTION is_valid_sku(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s ~ '^[A-Z]{1,3}-[0-9]{1,6}$' $$;
CREATE TABLE skus (id integer PRIMARY KEY, sku text NOT NULL, CONSTRAINT skus_sku_check CHECK (is_valid_sku(sku)));
INSERT INTO skus VALUES (1, 'AB-12'), (2, 'X-9');
