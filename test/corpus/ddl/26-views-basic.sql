-- covers: views: simple, with column aliases list, with joins (INNER/LEFT), with aggregates and GROUP BY / HAVING, CREATE OR REPLACE VIEW, view in non-public schema, view on view, comment on view and view column
CREATE SCHEMA reporting;
CREATE TABLE departments (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE staff (
    id integer PRIMARY KEY,
    department_id integer REFERENCES departments (id),
    name text NOT NULL,
    salary numeric(10,2),
    active boolean NOT NULL DEFAULT true
);
CREATE VIEW active_staff AS
    SELECT id, department_id, name, salary FROM staff WHERE active;
CREATE VIEW staff_names (staff_id, staff_name) AS
    SELECT id, name FROM staff;
CREATE OR REPLACE VIEW staff_with_department AS
    SELECT s.id, s.name, d.name AS department_name
    FROM staff s
    JOIN departments d ON d.id = s.department_id;
CREATE VIEW reporting.department_payroll AS
    SELECT d.id AS department_id, d.name, count(s.id) AS headcount, sum(s.salary) AS total_salary, avg(s.salary)::numeric(10,2) AS avg_salary
    FROM departments d
    LEFT JOIN staff s ON s.department_id = d.id
    GROUP BY d.id, d.name
    HAVING count(s.id) > 0;
CREATE VIEW reporting.big_departments AS
    SELECT department_id, name, headcount FROM reporting.department_payroll WHERE headcount >= 10;
COMMENT ON VIEW active_staff IS 'Only staff members with active = true';
COMMENT ON COLUMN reporting.department_payroll.headcount IS 'number of staff rows';
