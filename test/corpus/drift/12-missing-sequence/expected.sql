CREATE TABLE invoices (id integer PRIMARY KEY);
CREATE SEQUENCE invoice_no_seq START 1000;
