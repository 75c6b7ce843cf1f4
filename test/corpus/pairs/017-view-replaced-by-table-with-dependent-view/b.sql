CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL, country text NOT NULL);
INSERT INTO people VALUES (1, 'Ana', 'PT'), (2, 'Bo', 'SE');
CREATE TABLE countries (code text PRIMARY KEY);
CREATE VIEW country_codes AS SELECT code FROM countries ORDER BY code;
