-- covers: domains (NOT NULL, DEFAULT, multiple named CHECKs, COLLATE, domain over array, domain over domain, domain in non-public schema), domain columns, comment on domain
CREATE SCHEMA types;
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN email_address AS text
    COLLATE "C"
    NOT NULL
    CONSTRAINT email_has_at CHECK (VALUE ~ '^[^@]+@[^@]+$')
    CONSTRAINT email_not_too_long CHECK (length(VALUE) <= 254);
CREATE DOMAIN types.percentage AS numeric(5,2)
    DEFAULT 0
    CONSTRAINT pct_min CHECK (VALUE >= 0)
    CONSTRAINT pct_max CHECK (VALUE <= 100);
CREATE DOMAIN types.us_zip AS varchar(10)
    CHECK (VALUE ~ '^\d{5}$' OR VALUE ~ '^\d{5}-\d{4}$');
CREATE DOMAIN small_positive AS positive_int CHECK (VALUE < 1000);
CREATE DOMAIN tag_list AS text[] DEFAULT '{}'::text[] CHECK (cardinality(VALUE) <= 10);
CREATE DOMAIN nonempty_text AS text NULL DEFAULT 'n/a' CHECK (VALUE <> '');
COMMENT ON DOMAIN email_address IS 'RFC-ish email address';
CREATE TABLE contacts (
    id positive_int PRIMARY KEY,
    email email_address,
    discount types.percentage,
    zip types.us_zip,
    rank small_positive,
    tags tag_list,
    note nonempty_text
);
