CREATE TABLE employees (id integer PRIMARY KEY, email varchar(50) NOT NULL, salary integer, dept text,
    hired_on date);
INSERT INTO employees VALUES (1, 'ann@example.org', 5000, 'ops', '2020-01-01'), (2, 'bob@example.org', 6000, 'dev', NULL);
CREATE INDEX employees_dept ON employees (dept);
