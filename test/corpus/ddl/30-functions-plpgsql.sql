-- covers: PL/pgSQL functions: DECLARE blocks, loops, exceptions, RETURN QUERY, RETURN NEXT, SECURITY DEFINER, STRICT, CALLED ON NULL INPUT, RETURNS void, RETURNS trigger, polymorphic anyelement, composite return type, dollar-quote tags, comment on function
CREATE TYPE point_pair AS (x integer, y integer);
CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    message text NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION log_message(msg text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public
AS $$
BEGIN
    INSERT INTO audit_log (message) VALUES (msg);
END;
$$;
CREATE FUNCTION factorial(n integer) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE STRICT
AS $body$
DECLARE
    result numeric := 1;
    i integer;
BEGIN
    IF n < 0 THEN
        RAISE EXCEPTION 'negative input: %', n USING ERRCODE = '22023';
    END IF;
    FOR i IN 2..n LOOP
        result := result * i;
    END LOOP;
    RETURN result;
END;
$body$;
CREATE FUNCTION safe_divide(a numeric, b numeric) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE CALLED ON NULL INPUT
AS $$
BEGIN
    RETURN a / b;
EXCEPTION
    WHEN division_by_zero THEN
        RETURN NULL;
END;
$$;
CREATE FUNCTION recent_messages(since interval DEFAULT '1 day') RETURNS SETOF audit_log
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN QUERY SELECT * FROM audit_log WHERE logged_at > now() - since ORDER BY logged_at DESC;
END;
$$;
CREATE FUNCTION series(n integer) RETURNS TABLE (i integer, sq integer)
    LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    FOR k IN 1..n LOOP
        i := k;
        sq := k * k;
        RETURN NEXT;
    END LOOP;
END;
$$;
CREATE FUNCTION make_pair(a integer, b integer) RETURNS point_pair
    LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    p point_pair;
BEGIN
    p.x := a;
    p.y := b;
    RETURN p;
END;
$$;
CREATE FUNCTION first_non_null(a anyelement, b anyelement) RETURNS anyelement
    LANGUAGE plpgsql IMMUTABLE
AS $$ BEGIN RETURN coalesce(a, b); END; $$;
CREATE FUNCTION stats(OUT total bigint, OUT newest timestamptz)
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    SELECT count(*), max(logged_at) INTO total, newest FROM audit_log;
END;
$$;
COMMENT ON FUNCTION factorial(integer) IS 'n! computed iteratively';
COMMENT ON FUNCTION log_message(text) IS 'writes to audit_log as definer';
