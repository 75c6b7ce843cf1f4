CREATE TABLE public.books (
    id integer PRIMARY KEY,
    title text NOT NULL,
    author text,
    year integer
);
CREATE STATISTICS public.books_author_year (dependencies) ON author, year FROM public.books;
-- Kinds of objects schema-doctor does not model: named, never compared, never repaired.
CREATE TEXT SEARCH CONFIGURATION public.books_fts (COPY = pg_catalog.english);
CREATE OPERATOR public.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = pg_catalog.int4eq);
INSERT INTO public.books VALUES (1, 'Dune', 'Herbert', 1965), (2, 'Emma', 'Austen', 1815);
