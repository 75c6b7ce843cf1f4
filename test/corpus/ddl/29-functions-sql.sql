-- covers: SQL-language functions: IMMUTABLE/STABLE/VOLATILE, STRICT, arg defaults, named args, OUT params, INOUT, RETURNS TABLE, RETURNS SETOF table, SETOF scalar, VARIADIC, PARALLEL SAFE, LEAKPROOF-free, COST/ROWS, SQL-standard body (BEGIN ATOMIC / RETURN), function in non-public schema, SET search_path on function
CREATE SCHEMA util;
CREATE TABLE widgets (
    id integer PRIMARY KEY,
    name text NOT NULL,
    weight numeric
);
CREATE FUNCTION add_ints(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT a + b $$;
CREATE FUNCTION util.greet(name text, greeting text DEFAULT 'Hello', punct text DEFAULT '!') RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT greeting || ', ' || name || punct $$;
CREATE FUNCTION widget_count() RETURNS bigint
    LANGUAGE sql STABLE
    AS 'SELECT count(*) FROM widgets';
CREATE FUNCTION min_max(VARIADIC nums numeric[], OUT lo numeric, OUT hi numeric)
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT min(n), max(n) FROM unnest(nums) AS n $$;
CREATE FUNCTION heavy_widgets(min_weight numeric DEFAULT 10) RETURNS SETOF widgets
    LANGUAGE sql STABLE ROWS 50 COST 200
    AS $$ SELECT * FROM widgets WHERE weight >= min_weight $$;
CREATE FUNCTION widget_names() RETURNS SETOF text
    LANGUAGE sql STABLE
    AS $$ SELECT name FROM widgets ORDER BY name $$;
CREATE FUNCTION widget_summary(prefix text) RETURNS TABLE (widget_id integer, label text, heavy boolean)
    LANGUAGE sql STABLE
    SET search_path = public, pg_temp
    AS $$ SELECT id, prefix || name, weight > 100 FROM public.widgets $$;
CREATE FUNCTION double_it(INOUT x integer, OUT original integer)
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT x * 2, x $$;
CREATE FUNCTION random_widget_id() RETURNS integer
    LANGUAGE sql VOLATILE
    AS $$ SELECT id FROM widgets ORDER BY random() LIMIT 1 $$;
CREATE FUNCTION util.square(x double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    RETURN x * x;
CREATE FUNCTION util.clamp(v integer, lo integer, hi integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT greatest(lo, least(hi, v));
END;
