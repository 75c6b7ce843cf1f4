CREATE TABLE public.docs (id integer PRIMARY KEY, body text, notes text COMPRESSION pglz);
