CREATE TABLE authors (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE articles (
    id        integer PRIMARY KEY,
    author_id integer CONSTRAINT articles_author_id_fkey REFERENCES authors (id),
    title     text NOT NULL
);
