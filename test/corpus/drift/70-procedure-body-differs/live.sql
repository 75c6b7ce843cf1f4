CREATE TABLE events (id integer PRIMARY KEY, happened_on date NOT NULL);
CREATE PROCEDURE purge_events(before date)
LANGUAGE sql AS $$ DELETE FROM public.events WHERE happened_on <= before $$;
