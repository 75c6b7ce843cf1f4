-- covers: collations made by CREATE COLLATION (libc: one locale, or LC_COLLATE and LC_CTYPE apart), comments, quoted names, columns, domains and composite attributes that use them
CREATE SCHEMA "Lang";
CREATE COLLATION bytewise (locale = 'C');
COMMENT ON COLLATION bytewise IS 'code-point order';
CREATE COLLATION "Lang"."Split Order" (lc_collate = 'C', lc_ctype = 'POSIX');
CREATE DOMAIN code AS text COLLATE bytewise;
CREATE TYPE labelled AS (label text COLLATE "Lang"."Split Order", n integer);
CREATE TABLE term (id integer PRIMARY KEY, word text COLLATE bytewise NOT NULL, c code, l labelled);
CREATE INDEX term_word ON term (word COLLATE "Lang"."Split Order");
