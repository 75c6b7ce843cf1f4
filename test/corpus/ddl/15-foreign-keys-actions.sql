-- covers: foreign keys with ON DELETE CASCADE / SET NULL / SET DEFAULT / RESTRICT / NO ACTION and ON UPDATE CASCADE / RESTRICT / SET NULL / SET DEFAULT, inline REFERENCES without column list
CREATE TABLE authors (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE publishers (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE books (
    id integer PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors ON DELETE CASCADE,
    co_author_id integer REFERENCES authors (id) ON DELETE SET NULL ON UPDATE CASCADE,
    publisher_id integer DEFAULT 0 REFERENCES publishers (id) ON DELETE SET DEFAULT ON UPDATE RESTRICT,
    editor_id integer,
    translator_id integer,
    reviewer_id integer,
    CONSTRAINT books_editor_fk FOREIGN KEY (editor_id) REFERENCES authors (id) ON DELETE RESTRICT ON UPDATE NO ACTION,
    CONSTRAINT books_translator_fk FOREIGN KEY (translator_id) REFERENCES authors (id) ON DELETE NO ACTION ON UPDATE SET NULL,
    CONSTRAINT books_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES authors (id) ON UPDATE SET DEFAULT
);
