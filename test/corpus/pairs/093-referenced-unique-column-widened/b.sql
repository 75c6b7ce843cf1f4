CREATE TABLE countries (code varchar(3) NOT NULL, name text NOT NULL, CONSTRAINT countries_code_key UNIQUE (code));
CREATE TABLE cities (id integer PRIMARY KEY, country varchar(2) NOT NULL REFERENCES countries (code));
INSERT INTO countries VALUES ('PT', 'Portugal');
INSERT INTO cities VALUES (1, 'PT');
