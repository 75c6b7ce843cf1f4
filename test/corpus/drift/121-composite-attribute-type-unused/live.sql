CREATE TYPE measure AS (qty integer, unit text);
