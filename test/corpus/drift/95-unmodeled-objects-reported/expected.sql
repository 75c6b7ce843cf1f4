CREATE TABLE public.books (
    id integer PRIMARY KEY,
    title text NOT NULL,
    author text,
    year integer
);
CREATE STATISTICS public.books_author_year (dependencies) ON author, year FROM public.books;
