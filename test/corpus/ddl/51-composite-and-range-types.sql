-- covers: composite types (nested, with arrays), user-defined range type (CREATE TYPE AS RANGE with subtype_diff), multirange columns, composite/range columns with defaults, composite-returning function
CREATE TYPE money_amount AS (
    amount numeric(14,2),
    currency char(3)
);
CREATE TYPE line_item AS (
    sku text,
    qty integer,
    price money_amount,
    tags text[]
);
CREATE TYPE float_range AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TABLE quotes (
    id integer PRIMARY KEY,
    total money_amount DEFAULT ROW(0, 'EUR')::money_amount,
    items line_item[],
    confidence float_range DEFAULT '[0,1]'::float_range,
    valid_dates datemultirange,
    busy_hours tstzmultirange DEFAULT '{}'::tstzmultirange,
    price_band numrange CHECK (NOT isempty(price_band))
);
CREATE FUNCTION make_amount(a numeric, c char(3) DEFAULT 'EUR') RETURNS money_amount
    LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(a, c)::money_amount $$;
