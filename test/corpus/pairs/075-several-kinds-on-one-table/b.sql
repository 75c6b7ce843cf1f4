CREATE TABLE employees (id integer PRIMARY KEY, email varchar(120) NOT NULL, salary bigint NOT NULL DEFAULT 0,
    dept text DEFAULT 'unassigned', hired_on date, left_on date,
    CONSTRAINT employees_email_key UNIQUE (email),
    CONSTRAINT employees_salary_check CHECK (salary >= 0),
    CONSTRAINT employees_dates_check CHECK (left_on IS NULL OR left_on >= hired_on));
INSERT INTO employees VALUES (1, 'ann@example.org', 5000, 'ops', '2020-01-01', NULL), (2, 'bob@example.org', 6000, 'dev', NULL, NULL);
CREATE INDEX employees_dept ON employees (dept, id);
