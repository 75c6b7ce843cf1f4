-- covers: partial indexes (WHERE), expression indexes (lower(email), coalesce, jsonb ->>, date_trunc on timestamp, arithmetic), unique partial index, UNIQUE NULLS NOT DISTINCT index, index with fillfactor storage param
CREATE TABLE members (
    id integer PRIMARY KEY,
    email text NOT NULL,
    nickname text,
    deleted_at timestamptz,
    created_at timestamp NOT NULL DEFAULT now(),
    settings jsonb NOT NULL DEFAULT '{}',
    org_id integer,
    a integer,
    b integer
);
CREATE UNIQUE INDEX members_lower_email_uidx ON members (lower(email));
CREATE UNIQUE INDEX members_active_email_uidx ON members (email) WHERE deleted_at IS NULL;
CREATE INDEX members_deleted_idx ON members (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX members_nick_coalesce_idx ON members (coalesce(nickname, email));
CREATE INDEX members_theme_idx ON members ((settings ->> 'theme'));
CREATE INDEX members_created_day_idx ON members (date_trunc('day', created_at));
CREATE INDEX members_sum_idx ON members ((a + b) DESC) WHERE a > 0 AND b > 0;
CREATE UNIQUE INDEX members_org_nick_nnd_uidx ON members (org_id, nickname) NULLS NOT DISTINCT;
CREATE INDEX members_org_ff_idx ON members (org_id) WITH (fillfactor = 70);
CREATE INDEX members_lower_upper_idx ON members (lower(nickname), upper(email)) WHERE nickname IN ('admin', 'root');
