CREATE TABLE invoices (
    id     integer PRIMARY KEY,
    amount numeric(10,2) NOT NULL CONSTRAINT invoices_amount_check CHECK (amount >= 0),
    due_on date
);
CREATE INDEX invoices_due_on_idx ON invoices (due_on);
CREATE FUNCTION invoice_total() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT sum(amount) FROM public.invoices $$;
COMMENT ON TABLE invoices IS 'Issued invoices, one row per invoice.';
COMMENT ON COLUMN invoices.amount IS 'Gross amount in EUR.';
COMMENT ON CONSTRAINT invoices_amount_check ON invoices IS 'No credit notes here.';
COMMENT ON INDEX invoices_due_on_idx IS 'Dunning run.';
COMMENT ON FUNCTION invoice_total() IS 'Sum of all invoices.';
