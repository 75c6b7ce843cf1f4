CREATE TABLE lines (id integer PRIMARY KEY, qty bigint NOT NULL, unit_cents integer NOT NULL,
    total_cents bigint GENERATED ALWAYS AS (qty::bigint * unit_cents) STORED);
INSERT INTO lines (id, qty, unit_cents) VALUES (1, 2, 150), (2, 10, 99);
