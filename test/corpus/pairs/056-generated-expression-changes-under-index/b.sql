CREATE TABLE people (id integer PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
    full_name text GENERATED ALWAYS AS (last_name || ', ' || first_name) STORED);
CREATE INDEX people_full_name ON people (full_name);
INSERT INTO people (id, first_name, last_name) VALUES (1, 'Ada', 'Lovelace'), (2, 'Alan', 'Turing');
