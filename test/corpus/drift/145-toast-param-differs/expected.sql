CREATE TABLE public.blobs (id integer PRIMARY KEY, data text) WITH (toast.autovacuum_enabled = false, toast_tuple_target = 256);
