CREATE TABLE public.queue (id bigint PRIMARY KEY, payload jsonb) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_threshold = 500);
INSERT INTO public.queue SELECT g, jsonb_build_object('n', g) FROM generate_series(1, 15) g;
