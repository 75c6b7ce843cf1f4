CREATE FUNCTION add_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * (1 + rate), 2) $$;
CREATE FUNCTION add_tax(amount integer) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * 1.2, 2) $$;
