CREATE TABLE docs (id integer PRIMARY KEY, body text NOT NULL, words integer);
INSERT INTO docs VALUES (1, 'one two', 2);
CREATE FUNCTION docs_count_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.words := coalesce(array_length(regexp_split_to_array(trim(NEW.body), '\s+'), 1), 0);
    RETURN NEW;
END;
$$;
CREATE TRIGGER docs_words BEFORE INSERT OR UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION docs_count_words();
