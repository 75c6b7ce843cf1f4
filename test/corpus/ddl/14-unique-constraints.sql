-- covers: unique constraints: inline, named, multi-column, NULLS NOT DISTINCT, NULLS DISTINCT explicit, DEFERRABLE, DEFERRABLE INITIALLY DEFERRED, INITIALLY IMMEDIATE, INCLUDE, added via ALTER TABLE
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    username text UNIQUE,
    email text NOT NULL,
    tenant_id integer NOT NULL,
    external_ref text,
    sort_order integer,
    slot integer,
    CONSTRAINT accounts_tenant_email_key UNIQUE (tenant_id, email),
    CONSTRAINT accounts_external_ref_nnd UNIQUE NULLS NOT DISTINCT (external_ref),
    CONSTRAINT accounts_sort_order_deferrable UNIQUE (tenant_id, sort_order) DEFERRABLE,
    CONSTRAINT accounts_slot_deferred UNIQUE (slot) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE seats (
    venue_id integer NOT NULL,
    row_label text NOT NULL,
    seat_no integer NOT NULL,
    holder text,
    UNIQUE NULLS DISTINCT (venue_id, row_label, seat_no),
    CONSTRAINT seats_holder_key UNIQUE (holder) INCLUDE (venue_id) DEFERRABLE INITIALLY IMMEDIATE
);
ALTER TABLE seats ADD CONSTRAINT seats_venue_holder_uq UNIQUE NULLS NOT DISTINCT (venue_id, holder);
