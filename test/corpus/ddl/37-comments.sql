-- covers: comments on SCHEMA, TABLE, COLUMN, VIEW, MATERIALIZED VIEW, FUNCTION, PROCEDURE, TYPE (enum and composite), DOMAIN, CONSTRAINT (table and domain), INDEX, TRIGGER, SEQUENCE, EXTENSION-free; comments with quotes, newlines, unicode; comment set then removed (NULL)
CREATE SCHEMA docs;
COMMENT ON SCHEMA docs IS 'Documentation-heavy schema';
CREATE TYPE docs.priority AS ENUM ('low', 'high');
COMMENT ON TYPE docs.priority IS 'Ticket priority';
CREATE TYPE docs.address AS (street text, city text, zip varchar(10));
COMMENT ON TYPE docs.address IS 'Postal address composite';
COMMENT ON COLUMN docs.address.zip IS 'composite attribute comment';
CREATE DOMAIN docs.short_text AS varchar(50) CONSTRAINT short_text_nonblank CHECK (VALUE <> '');
COMMENT ON DOMAIN docs.short_text IS 'up to 50 chars';
COMMENT ON CONSTRAINT short_text_nonblank ON DOMAIN docs.short_text IS 'no empty strings';
CREATE SEQUENCE docs.ticket_no_seq;
COMMENT ON SEQUENCE docs.ticket_no_seq IS 'ticket numbers';
CREATE TABLE docs.tickets (
    id integer PRIMARY KEY DEFAULT nextval('docs.ticket_no_seq'),
    title docs.short_text NOT NULL,
    priority docs.priority NOT NULL DEFAULT 'low',
    addr docs.address,
    CONSTRAINT tickets_title_len CHECK (length(title) > 2)
);
COMMENT ON TABLE docs.tickets IS 'Support tickets.
Second line of the comment with ''quotes'' and "double quotes" — and unicode ✓';
COMMENT ON COLUMN docs.tickets.id IS 'Primary key';
COMMENT ON COLUMN docs.tickets.title IS '';
COMMENT ON COLUMN docs.tickets.priority IS 'to be removed';
COMMENT ON COLUMN docs.tickets.priority IS NULL;
COMMENT ON CONSTRAINT tickets_title_len ON docs.tickets IS 'titles must be longer than 2 chars';
COMMENT ON CONSTRAINT tickets_pkey ON docs.tickets IS 'pk comment';
CREATE INDEX tickets_priority_idx ON docs.tickets (priority);
COMMENT ON INDEX docs.tickets_priority_idx IS 'lookup by priority';
CREATE VIEW docs.open_tickets AS SELECT id, title FROM docs.tickets;
COMMENT ON VIEW docs.open_tickets IS 'open tickets view';
COMMENT ON COLUMN docs.open_tickets.title IS 'view column comment';
CREATE MATERIALIZED VIEW docs.ticket_counts AS SELECT priority, count(*) AS n FROM docs.tickets GROUP BY priority WITH NO DATA;
COMMENT ON MATERIALIZED VIEW docs.ticket_counts IS 'counts per priority';
CREATE FUNCTION docs.ticket_title(t_id integer) RETURNS text LANGUAGE sql STABLE AS $$ SELECT title FROM docs.tickets WHERE id = t_id $$;
COMMENT ON FUNCTION docs.ticket_title(integer) IS 'title lookup';
CREATE PROCEDURE docs.close_ticket(t_id integer) LANGUAGE sql AS $$ DELETE FROM docs.tickets WHERE id = t_id $$;
COMMENT ON PROCEDURE docs.close_ticket(integer) IS 'closes a ticket';
CREATE FUNCTION docs.noop_trigger() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;
CREATE TRIGGER tickets_noop BEFORE INSERT ON docs.tickets FOR EACH ROW EXECUTE FUNCTION docs.noop_trigger();
COMMENT ON TRIGGER tickets_noop ON docs.tickets IS 'does nothing';
