-- covers: standalone sequences with INCREMENT, MINVALUE, MAXVALUE, START, CACHE, CYCLE, AS smallint/integer/bigint, negative increment, NO MINVALUE/NO MAXVALUE, OWNED BY a column, nextval default, sequence in non-public schema, comment on sequence
CREATE SCHEMA billing;
CREATE SEQUENCE invoice_number_seq AS integer INCREMENT BY 1 MINVALUE 1000 MAXVALUE 999999 START WITH 1000 CACHE 1 NO CYCLE;
CREATE SEQUENCE small_cycle_seq AS smallint INCREMENT 5 MINVALUE 1 MAXVALUE 100 START 10 CACHE 20 CYCLE;
CREATE SEQUENCE countdown_seq INCREMENT BY -1 MINVALUE -1000 MAXVALUE 0 START WITH 0;
CREATE SEQUENCE big_seq AS bigint NO MINVALUE NO MAXVALUE;
CREATE SEQUENCE billing.ticket_seq START 500 INCREMENT 10;
CREATE TABLE billing.invoices (
    id integer NOT NULL DEFAULT nextval('invoice_number_seq'::regclass),
    ticket bigint DEFAULT nextval('billing.ticket_seq'),
    legacy_no integer,
    CONSTRAINT invoices_pkey PRIMARY KEY (id)
);
CREATE SEQUENCE billing.legacy_no_seq OWNED BY billing.invoices.legacy_no;
ALTER TABLE billing.invoices ALTER COLUMN legacy_no SET DEFAULT nextval('billing.legacy_no_seq');
CREATE TABLE receipts (
    receipt_no smallint NOT NULL DEFAULT nextval('small_cycle_seq'::regclass),
    countdown integer DEFAULT nextval('countdown_seq')
);
ALTER SEQUENCE small_cycle_seq OWNED BY receipts.receipt_no;
COMMENT ON SEQUENCE small_cycle_seq IS 'cycles between 1 and 100';
