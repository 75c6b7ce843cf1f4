CREATE TABLE audit_log (id bigint NOT NULL, at timestamptz NOT NULL, msg text, CONSTRAINT audit_log_pkey PRIMARY KEY (id));
INSERT INTO audit_log VALUES (1, '2024-01-01 00:00+00', 'boot'), (2, '2024-01-02 00:00+00', 'stop');
