-- 0005_create_credit_txns_and_scores.sql
-- Credit ledger and game scores. Migration 0008 later adds
-- credit_txns.idempotency_key and scores.duration_sec.

CREATE TABLE IF NOT EXISTS credit_txns (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL
               CONSTRAINT credit_txns_user_id_fkey REFERENCES users (id),
    amount     numeric(12,2) NOT NULL,
    reason     text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS credit_txns_user_id_idx ON credit_txns (user_id);

CREATE TABLE IF NOT EXISTS scores (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL
               CONSTRAINT scores_user_id_fkey REFERENCES users (id),
    game       text NOT NULL,
    score      integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS scores_user_id_idx ON scores (user_id);
