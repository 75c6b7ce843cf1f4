CREATE TABLE public.books (id integer PRIMARY KEY, title text NOT NULL);
CREATE TABLE public.book_log (book_id integer, what text);
INSERT INTO public.books VALUES (1, 'Dune'), (2, 'Emma');
CREATE RULE books_log AS ON UPDATE TO public.books DO ALSO INSERT INTO public.book_log VALUES (NEW.id, 'update');
CREATE RULE books_keep AS ON DELETE TO public.books DO INSTEAD NOTHING;
