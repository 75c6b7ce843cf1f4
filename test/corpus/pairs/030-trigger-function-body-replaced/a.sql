CREATE TABLE docs (id integer PRIMARY KEY, body text NOT NULL, words integer);
INSERT INTO docs VALUES (1, 'one two', 2);
CREATE FUNCTION docs_count_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.words := array_length(string_to_array(NEW.body, ' '), 1);
    RETURN NEW;
END;
$$;
CREATE TRIGGER docs_words BEFORE INSERT OR UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION docs_count_words();
