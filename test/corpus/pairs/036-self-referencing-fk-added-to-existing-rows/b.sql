CREATE TABLE categories (id integer PRIMARY KEY, parent_id integer, name text NOT NULL,
    CONSTRAINT categories_parent_fkey FOREIGN KEY (parent_id) REFERENCES categories (id));
INSERT INTO categories VALUES (1, NULL, 'root'), (2, 1, 'books'), (3, 2, 'sci-fi');
