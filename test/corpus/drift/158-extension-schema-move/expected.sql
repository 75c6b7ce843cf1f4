CREATE SCHEMA ext;
CREATE EXTENSION citext SCHEMA ext;
CREATE TABLE public.users (id integer PRIMARY KEY, email ext.citext);
