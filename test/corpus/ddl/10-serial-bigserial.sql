-- covers: smallserial, serial, bigserial columns (implicit owned sequences and nextval defaults), serial in non-public schema
CREATE SCHEMA app;
CREATE TABLE counters (
    small_id smallserial,
    mid_id serial,
    big_id bigserial PRIMARY KEY,
    label text
);
CREATE TABLE app.tickets (
    id bigserial PRIMARY KEY,
    seq_no serial NOT NULL UNIQUE
);
