-- covers: view options security_barrier, security_invoker, check_option local and cascaded; comments on view and materialized view columns
CREATE TABLE staff (id integer PRIMARY KEY, name text, salary numeric);
CREATE VIEW staff_public WITH (security_barrier) AS SELECT id, name FROM staff;
CREATE VIEW staff_invoker WITH (security_invoker = true) AS SELECT id, name FROM staff;
CREATE VIEW staff_low AS SELECT id, salary FROM staff WHERE salary < 100 WITH LOCAL CHECK OPTION;
CREATE VIEW staff_low_named AS SELECT id, salary FROM staff_low WHERE id > 0 WITH CASCADED CHECK OPTION;
CREATE MATERIALIZED VIEW staff_names AS SELECT id, name FROM staff;
COMMENT ON COLUMN staff_public.id IS 'the staff id';
COMMENT ON COLUMN staff_public.name IS 'as entered';
COMMENT ON COLUMN staff_names.name IS 'copied nightly';
