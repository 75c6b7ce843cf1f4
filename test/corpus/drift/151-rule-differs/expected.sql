CREATE TABLE public.books (id integer PRIMARY KEY, title text NOT NULL);
CREATE TABLE public.book_log (book_id integer, what text);
CREATE RULE books_log AS ON UPDATE TO public.books DO ALSO INSERT INTO public.book_log VALUES (OLD.id, 'changed ' || OLD.title);
CREATE RULE books_keep AS ON DELETE TO public.books DO INSTEAD NOTHING;
ALTER TABLE public.books DISABLE RULE books_keep;
