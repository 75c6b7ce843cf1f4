-- covers: character types text, varchar(n), char(n), varchar without length, "char", name; collations COLLATE "C" and COLLATE "POSIX"; cast defaults 'x'::character varying
CREATE TABLE text_samples (
    id integer PRIMARY KEY,
    body text NOT NULL DEFAULT '',
    title varchar(255) NOT NULL DEFAULT 'untitled'::character varying,
    code char(3) DEFAULT 'AAA'::bpchar,
    flag character(1) DEFAULT 'N',
    free_varchar character varying,
    sort_key text COLLATE "C",
    posix_key varchar(40) COLLATE "POSIX",
    single_char "char",
    ident name,
    quoted_default text DEFAULT 'it''s a "quote"'
);
