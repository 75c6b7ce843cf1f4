-- covers: procedures (plpgsql and SQL, with defaults, INOUT params, SECURITY DEFINER, SET config, BEGIN ATOMIC body), overloaded procedures, comment on procedure
CREATE SCHEMA ops;
CREATE TABLE ops.accounts (
    id integer PRIMARY KEY,
    balance numeric(14,2) NOT NULL DEFAULT 0
);
CREATE PROCEDURE ops.transfer(from_id integer, to_id integer, amount numeric)
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE ops.accounts SET balance = balance - amount WHERE id = from_id;
    UPDATE ops.accounts SET balance = balance + amount WHERE id = to_id;
END;
$$;
CREATE PROCEDURE ops.reset_balance(account_id integer, new_balance numeric DEFAULT 0)
    LANGUAGE sql
AS $$ UPDATE ops.accounts SET balance = new_balance WHERE id = account_id $$;
CREATE PROCEDURE ops.reset_balance(account_ids integer[])
    LANGUAGE sql SECURITY DEFINER
    SET search_path = ops, pg_temp
AS $$ UPDATE accounts SET balance = 0 WHERE id = ANY (account_ids) $$;
CREATE PROCEDURE ops.get_balance(IN account_id integer, INOUT result numeric DEFAULT NULL)
    LANGUAGE plpgsql
AS $$
BEGIN
    SELECT balance INTO result FROM ops.accounts WHERE id = account_id;
END;
$$;
CREATE PROCEDURE ops.noop()
    LANGUAGE sql
BEGIN ATOMIC
    SELECT 1;
END;
COMMENT ON PROCEDURE ops.transfer(integer, integer, numeric) IS 'moves money between accounts';
