-- covers: constraint triggers (CREATE CONSTRAINT TRIGGER) DEFERRABLE INITIALLY DEFERRED / IMMEDIATE / NOT DEFERRABLE, FROM referenced table, WHEN condition, UPDATE OF
CREATE TABLE ledgers (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE ledger_entries (
    id bigint PRIMARY KEY,
    ledger_id integer NOT NULL REFERENCES ledgers (id),
    debit numeric(14,2) NOT NULL DEFAULT 0,
    credit numeric(14,2) NOT NULL DEFAULT 0
);
CREATE FUNCTION check_ledger_balanced() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    diff numeric;
BEGIN
    SELECT sum(debit) - sum(credit) INTO diff FROM ledger_entries WHERE ledger_id = NEW.ledger_id;
    IF diff <> 0 THEN
        RAISE EXCEPTION 'ledger % unbalanced by %', NEW.ledger_id, diff;
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER ledger_balanced
    AFTER INSERT OR UPDATE ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_ledger_balanced();
CREATE CONSTRAINT TRIGGER ledger_balanced_immediate
    AFTER UPDATE OF debit, credit ON ledger_entries
    FROM ledgers
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW
    WHEN (NEW.debit > 1000000)
    EXECUTE FUNCTION check_ledger_balanced();
CREATE CONSTRAINT TRIGGER ledger_balanced_strict
    AFTER INSERT ON ledger_entries
    NOT DEFERRABLE
    FOR EACH ROW EXECUTE FUNCTION check_ledger_balanced();
