CREATE TABLE docs (id integer PRIMARY KEY, body text, updated_at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER docs_touch_legacy BEFORE INSERT OR UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
