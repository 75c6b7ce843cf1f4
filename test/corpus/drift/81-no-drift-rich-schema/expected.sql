CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('draft', 'live', 'retired');
CREATE DOMAIN app.percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE SEQUENCE app.ticket_no_seq START 100 INCREMENT 5;
CREATE TABLE app.products (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku        text COLLATE "C" NOT NULL UNIQUE,
    name       text NOT NULL,
    status     app.status NOT NULL DEFAULT 'draft',
    discount   app.percent,
    price      numeric(10,2) NOT NULL CHECK (price >= 0),
    gross      numeric GENERATED ALWAYS AS (price * 1.2) STORED,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_name_idx ON app.products (lower(name)) WHERE status <> 'retired';
CREATE TABLE app.reviews (
    id         serial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES app.products (id) ON DELETE CASCADE DEFERRABLE,
    stars      smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body       text
);
COMMENT ON TABLE app.reviews IS 'Customer reviews';
CREATE VIEW app.live_products AS SELECT id, sku, name FROM app.products WHERE status = 'live';
CREATE MATERIALIZED VIEW app.product_stars AS
    SELECT product_id, avg(stars) AS stars, count(*) AS n FROM app.reviews GROUP BY product_id;
CREATE UNIQUE INDEX product_stars_product_id_idx ON app.product_stars (product_id);
CREATE FUNCTION app.stars_of(p bigint) RETURNS numeric LANGUAGE sql STABLE AS $$
    SELECT stars FROM app.product_stars WHERE product_id = p
$$;
CREATE FUNCTION app.reject_empty_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.body = '' THEN
        NEW.body := NULL;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER reviews_reject_empty BEFORE INSERT OR UPDATE ON app.reviews
    FOR EACH ROW EXECUTE FUNCTION app.reject_empty_review();
ALTER TABLE app.reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY reviews_visible ON app.reviews FOR SELECT TO PUBLIC USING (stars >= 1);
