CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL, updated_at timestamptz);
INSERT INTO posts VALUES (1, 'hello', NULL);
CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch_row();
