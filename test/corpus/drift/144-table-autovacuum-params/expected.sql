CREATE TABLE public.queue (id bigint PRIMARY KEY, payload jsonb) WITH (autovacuum_vacuum_scale_factor = 0.01);
