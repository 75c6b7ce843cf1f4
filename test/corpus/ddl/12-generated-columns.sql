-- covers: GENERATED ALWAYS AS (...) STORED columns (arithmetic, string concat, jsonb extraction, tsvector, CASE, casts), expression defaults
CREATE TABLE order_lines (
    id integer PRIMARY KEY,
    quantity integer NOT NULL DEFAULT 1,
    unit_price numeric(10,2) NOT NULL,
    tax_rate numeric(4,3) NOT NULL DEFAULT 0.2,
    subtotal numeric(12,2) GENERATED ALWAYS AS (quantity * unit_price) STORED,
    total numeric(12,2) GENERATED ALWAYS AS (round(quantity * unit_price * (1 + tax_rate), 2)) STORED,
    size_class text GENERATED ALWAYS AS (CASE WHEN quantity > 100 THEN 'bulk' WHEN quantity > 10 THEN 'medium' ELSE 'small' END) STORED
);
CREATE TABLE people (
    id integer PRIMARY KEY,
    first_name text NOT NULL,
    last_name text NOT NULL,
    full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
    profile jsonb DEFAULT jsonb_build_object('v', 1),
    city text GENERATED ALWAYS AS ((profile ->> 'city')) STORED,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) STORED,
    name_len integer GENERATED ALWAYS AS (length(first_name)::integer + length(last_name)) STORED,
    slug text DEFAULT lower(replace('Hello World', ' ', '-')),
    created_epoch bigint DEFAULT (extract(epoch FROM now()))::bigint
);
