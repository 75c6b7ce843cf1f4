CREATE FUNCTION shipping_cost(weight_kg numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF weight_kg <= 1 THEN
        RETURN 4.90;
    END IF;
    RETURN 4.90 + (weight_kg - 1) * 1.25;
END;
$$;
