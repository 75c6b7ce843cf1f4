CREATE TABLE public.books (id integer PRIMARY KEY, title text NOT NULL);
CREATE RULE books_keep AS ON DELETE TO public.books DO INSTEAD NOTHING;
COMMENT ON RULE books_keep ON public.books IS 'books are never deleted';
