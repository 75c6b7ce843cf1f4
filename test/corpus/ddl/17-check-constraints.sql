-- covers: check constraints: inline simple, named, multi-column, NOT VALID, NO INHERIT, IN lists, casts, regexes, IS NOT NULL / boolean logic, ANY(ARRAY), BETWEEN, added via ALTER TABLE
CREATE TABLE products (
    id integer PRIMARY KEY,
    sku text NOT NULL CHECK (sku ~ '^[A-Z]{3}-[0-9]{4}$'),
    price numeric(10,2) NOT NULL CHECK (price >= 0),
    sale_price numeric(10,2),
    status text NOT NULL DEFAULT 'draft',
    category varchar(20),
    weight_kg real,
    starts_on date,
    ends_on date,
    email text,
    CONSTRAINT products_sale_le_price CHECK (sale_price IS NULL OR sale_price <= price),
    CONSTRAINT products_status_in CHECK (status IN ('draft', 'active', 'archived')),
    CONSTRAINT products_category_any CHECK (category::text = ANY (ARRAY['books'::character varying, 'games'::character varying]::text[])),
    CONSTRAINT products_dates_ordered CHECK (ends_on > starts_on),
    CONSTRAINT products_weight_between CHECK (weight_kg BETWEEN 0 AND 1000),
    CONSTRAINT products_email_ci_regex CHECK (email ~* '^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$'),
    CONSTRAINT products_price_cast CHECK ((price)::integer < 1000000),
    CONSTRAINT products_no_inherit CHECK (id > 0) NO INHERIT
);
ALTER TABLE products ADD CONSTRAINT products_sku_len CHECK (char_length(sku) = 8) NOT VALID;
ALTER TABLE products ADD CONSTRAINT products_not_both_null CHECK (num_nonnulls(starts_on, ends_on) <> 1);
CREATE TABLE temperatures (
    reading_at timestamptz NOT NULL,
    celsius numeric CHECK (celsius > -273.15),
    CHECK (reading_at > '2000-01-01'::timestamptz),
    CHECK (date_part('year', reading_at) < 3000::double precision)
);
