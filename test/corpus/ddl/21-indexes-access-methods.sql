-- covers: index access methods hash, gin (jsonb default ops, jsonb_path_ops, arrays, tsvector), gist (tsvector, box, range, point), spgist, brin (with pages_per_range), storage params (fillfactor, fastupdate, gin_pending_list_limit, buffering, deduplicate_items, autosummarize)
CREATE TABLE documents (
    id bigint PRIMARY KEY,
    token text,
    body text,
    attrs jsonb,
    tags text[],
    keywords integer[],
    tsv tsvector,
    bounds box,
    position point,
    active_period tstzrange,
    ip inet,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_token_hash ON documents USING hash (token);
CREATE INDEX documents_attrs_gin ON documents USING gin (attrs);
CREATE INDEX documents_attrs_path_gin ON documents USING gin (attrs jsonb_path_ops) WITH (fastupdate = off);
CREATE INDEX documents_tags_gin ON documents USING gin (tags) WITH (gin_pending_list_limit = 128);
CREATE INDEX documents_keywords_gin ON documents USING gin (keywords);
CREATE INDEX documents_tsv_gin ON documents USING gin (tsv);
CREATE INDEX documents_body_fts_gin ON documents USING gin (to_tsvector('simple', coalesce(body, '')));
CREATE INDEX documents_tsv_gist ON documents USING gist (tsv);
CREATE INDEX documents_bounds_gist ON documents USING gist (bounds) WITH (buffering = on, fillfactor = 90);
CREATE INDEX documents_period_gist ON documents USING gist (active_period);
CREATE INDEX documents_position_spgist ON documents USING spgist (position);
CREATE INDEX documents_ip_spgist ON documents USING spgist (ip inet_ops);
CREATE INDEX documents_created_brin ON documents USING brin (created_at) WITH (pages_per_range = 32, autosummarize = on);
CREATE INDEX documents_id_brin_minmax ON documents USING brin (id int8_minmax_ops);
CREATE INDEX documents_token_btree ON documents USING btree (token) WITH (deduplicate_items = off, fillfactor = 70);
