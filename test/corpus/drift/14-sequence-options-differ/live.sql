CREATE SEQUENCE invoice_no_seq START 1000 INCREMENT 1 CACHE 20;
SELECT nextval('invoice_no_seq'), nextval('invoice_no_seq');
