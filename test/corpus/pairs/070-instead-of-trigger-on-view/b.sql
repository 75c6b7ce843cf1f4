CREATE TABLE accounts (id integer PRIMARY KEY, name text NOT NULL, deleted boolean NOT NULL DEFAULT false);
INSERT INTO accounts VALUES (1, 'a', false), (2, 'b', true);
CREATE VIEW live_accounts AS SELECT id, name FROM accounts WHERE NOT deleted;
CREATE FUNCTION live_accounts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET deleted = true WHERE id = OLD.id;
    RETURN OLD;
END;
$$;
CREATE TRIGGER live_accounts_soft_delete INSTEAD OF DELETE ON live_accounts FOR EACH ROW EXECUTE FUNCTION live_accounts_delete();
