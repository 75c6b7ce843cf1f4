-- covers: extension hstore: hstore columns with defaults, gin and gist indexes on hstore, expression index on hstore key, check constraint using hstore operator
CREATE EXTENSION hstore;
CREATE TABLE product_attrs (
    id integer PRIMARY KEY,
    attrs hstore NOT NULL DEFAULT ''::hstore,
    meta hstore DEFAULT 'color=>red, size=>"L"'::hstore,
    CONSTRAINT product_attrs_has_sku CHECK (attrs ? 'sku' OR attrs = ''::hstore)
);
CREATE INDEX product_attrs_gin ON product_attrs USING gin (attrs);
CREATE INDEX product_attrs_meta_gist ON product_attrs USING gist (meta);
CREATE INDEX product_attrs_sku_idx ON product_attrs ((attrs -> 'sku'));
