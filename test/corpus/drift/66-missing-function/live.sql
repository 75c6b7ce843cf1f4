CREATE FUNCTION add_tax(amount integer) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * 1.2, 2) $$;
