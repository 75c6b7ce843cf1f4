-- covers: rules on tables (DO INSTEAD NOTHING, DO ALSO with a WHERE, disabled, enabled always), rules on views (INSTEAD OF INSERT), comments on rules, quoted rule names
CREATE TABLE books (id integer PRIMARY KEY, title text NOT NULL, qty integer NOT NULL DEFAULT 0);
CREATE TABLE book_log (book_id integer, qty integer, at timestamptz DEFAULT now());
CREATE RULE books_keep AS ON DELETE TO books DO INSTEAD NOTHING;
CREATE RULE books_log AS ON UPDATE TO books WHERE NEW.qty <> OLD.qty DO ALSO INSERT INTO book_log (book_id, qty) VALUES (NEW.id, NEW.qty);
CREATE RULE "Books Insert Log" AS ON INSERT TO books DO ALSO INSERT INTO book_log (book_id, qty) VALUES (NEW.id, NEW.qty);
ALTER TABLE books DISABLE RULE books_log;
ALTER TABLE books ENABLE ALWAYS RULE "Books Insert Log";
COMMENT ON RULE books_keep ON books IS 'books are never deleted';
CREATE VIEW books_v AS SELECT id, title FROM books;
CREATE RULE books_v_ins AS ON INSERT TO books_v DO INSTEAD INSERT INTO books (id, title) VALUES (NEW.id, NEW.title);
