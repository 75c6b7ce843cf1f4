CREATE TYPE measure AS (qty bigint, unit text COLLATE "C");
