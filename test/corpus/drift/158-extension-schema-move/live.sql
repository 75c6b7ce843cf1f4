CREATE EXTENSION citext SCHEMA public;
CREATE SCHEMA ext;
CREATE TABLE public.users (id integer PRIMARY KEY, email public.citext);
INSERT INTO public.users VALUES (1, 'A@B.C');
