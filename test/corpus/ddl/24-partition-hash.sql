-- covers: hash-partitioned table with 4 partitions, multi-column hash key, partitioned table with unique constraint and FK, partition with storage params
CREATE TABLE sessions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id bigint NOT NULL,
    data jsonb,
    CONSTRAINT sessions_pkey PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE sessions_p0 PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE sessions_p1 PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE sessions_p2 PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER 2) WITH (fillfactor = 80);
CREATE TABLE sessions_p3 PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE TABLE session_events (
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    seq integer NOT NULL,
    tenant text NOT NULL,
    UNIQUE (session_id, seq, tenant)
) PARTITION BY HASH (session_id, tenant);
CREATE TABLE session_events_0 PARTITION OF session_events FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE session_events_1 PARTITION OF session_events FOR VALUES WITH (MODULUS 2, REMAINDER 1);
