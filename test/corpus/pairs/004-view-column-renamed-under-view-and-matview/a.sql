CREATE TABLE authors (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO authors VALUES (1, 'Le Guin'), (2, 'Lem');
CREATE VIEW author_labels AS SELECT id, name FROM authors;
CREATE VIEW author_ids AS SELECT id FROM author_labels;
CREATE MATERIALIZED VIEW author_count AS SELECT count(*) AS n FROM author_labels;
