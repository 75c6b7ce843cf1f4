CREATE TABLE profiles (id integer PRIMARY KEY, name text NOT NULL, touched_at timestamptz);
INSERT INTO profiles VALUES (1, 'Ann', NULL);
CREATE FUNCTION profiles_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.touched_at := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER profiles_touch BEFORE UPDATE OF name ON profiles FOR EACH ROW EXECUTE FUNCTION profiles_touch();
