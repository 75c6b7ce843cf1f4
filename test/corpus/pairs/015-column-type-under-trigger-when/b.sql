CREATE TABLE tasks (id integer PRIMARY KEY, status varchar(50) NOT NULL, changed_at timestamptz);
INSERT INTO tasks VALUES (1, 'todo', NULL), (2, 'done', '2024-02-01 00:00+00');
CREATE FUNCTION tasks_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_at := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER tasks_status_changed BEFORE UPDATE ON tasks FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION tasks_stamp();
