-- covers: primary keys: inline single-column, table-level named, composite, PK added via ALTER TABLE, PK with INCLUDE and index storage params, PK on text/uuid
CREATE TABLE countries (
    code char(2) PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE regions (
    country_code char(2) NOT NULL,
    region_code varchar(10) NOT NULL,
    name text,
    CONSTRAINT regions_country_region_pk PRIMARY KEY (country_code, region_code)
);
CREATE TABLE tokens (
    token uuid NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now(),
    owner text
);
ALTER TABLE tokens ADD CONSTRAINT tokens_pkey PRIMARY KEY (token);
CREATE TABLE kv (
    namespace text NOT NULL,
    key text NOT NULL,
    value text,
    CONSTRAINT kv_pk PRIMARY KEY (namespace, key) INCLUDE (value) WITH (fillfactor = 80)
);
CREATE TABLE triple_key (
    a integer,
    b integer,
    c integer,
    PRIMARY KEY (c, a, b)
);
