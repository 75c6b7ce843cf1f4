-- covers: INSTEAD OF triggers on a view (INSERT/UPDATE/DELETE), transition tables (REFERENCING NEW TABLE / OLD TABLE), disabled trigger (ALTER TABLE ... DISABLE TRIGGER), ENABLE ALWAYS and ENABLE REPLICA triggers, triggers on partitioned table, trigger in non-public schema
CREATE SCHEMA hr;
CREATE TABLE hr.people (
    id integer PRIMARY KEY,
    name text NOT NULL,
    email text
);
CREATE VIEW hr.people_view AS SELECT id, name, email FROM hr.people;
CREATE FUNCTION hr.people_view_dml() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO hr.people (id, name, email) VALUES (NEW.id, NEW.name, NEW.email);
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE hr.people SET name = NEW.name, email = NEW.email WHERE id = OLD.id;
        RETURN NEW;
    ELSE
        DELETE FROM hr.people WHERE id = OLD.id;
        RETURN OLD;
    END IF;
END;
$$;
CREATE TRIGGER people_view_insert INSTEAD OF INSERT ON hr.people_view
    FOR EACH ROW EXECUTE FUNCTION hr.people_view_dml();
CREATE TRIGGER people_view_update_delete INSTEAD OF UPDATE OR DELETE ON hr.people_view
    FOR EACH ROW EXECUTE FUNCTION hr.people_view_dml();
CREATE FUNCTION hr.count_changes() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE NOTICE 'changed rows';
    RETURN NULL;
END;
$$;
CREATE TRIGGER people_bulk_insert AFTER INSERT ON hr.people
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION hr.count_changes();
CREATE TRIGGER people_bulk_update AFTER UPDATE ON hr.people
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION hr.count_changes();
CREATE TRIGGER people_disabled AFTER DELETE ON hr.people
    FOR EACH ROW EXECUTE FUNCTION hr.count_changes();
CREATE TRIGGER people_always AFTER INSERT ON hr.people
    FOR EACH ROW EXECUTE FUNCTION hr.count_changes();
CREATE TRIGGER people_replica AFTER UPDATE ON hr.people
    FOR EACH ROW EXECUTE FUNCTION hr.count_changes();
ALTER TABLE hr.people DISABLE TRIGGER people_disabled;
ALTER TABLE hr.people ENABLE ALWAYS TRIGGER people_always;
ALTER TABLE hr.people ENABLE REPLICA TRIGGER people_replica;
CREATE TABLE hr.timesheets (
    person_id integer NOT NULL,
    work_date date NOT NULL,
    hours numeric(4,2)
) PARTITION BY RANGE (work_date);
CREATE TABLE hr.timesheets_2024 PARTITION OF hr.timesheets FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TRIGGER timesheets_row AFTER INSERT ON hr.timesheets
    FOR EACH ROW EXECUTE FUNCTION hr.count_changes();
