-- covers: indexes: plain btree, unique index, multi-column with DESC / NULLS FIRST / NULLS LAST, INCLUDE columns, index in non-public schema, explicit opclass (text_pattern_ops), explicit collation on index column
CREATE SCHEMA crm;
CREATE TABLE crm.customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    last_name text,
    first_name text,
    signup_at timestamptz,
    score integer,
    country char(2)
);
CREATE INDEX customers_last_name_idx ON crm.customers (last_name);
CREATE UNIQUE INDEX customers_email_uidx ON crm.customers (email);
CREATE INDEX customers_signup_score_idx ON crm.customers (signup_at DESC, score NULLS FIRST);
CREATE INDEX customers_country_score_idx ON crm.customers (country ASC NULLS LAST, score DESC NULLS LAST);
CREATE INDEX customers_country_inc_idx ON crm.customers (country) INCLUDE (first_name, last_name);
CREATE INDEX customers_last_name_pattern_idx ON crm.customers (last_name text_pattern_ops);
CREATE INDEX customers_first_name_c_idx ON crm.customers (first_name COLLATE "C" DESC);
CREATE INDEX ON crm.customers (score);
