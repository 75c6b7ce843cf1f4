-- 0008_community_schema_fixes.sql
-- Community schema fixes (words.soulbridgeai.com incident). Idempotent.
--  * post_reactions.post_id becomes nullable and its FK becomes
--    ON DELETE SET NULL (reactions are permanent, see 0006: deleting a post
--    now detaches its reactions instead of cascading a DELETE into them)
--  * partial index post_reactions_post_id_idx (post_id) WHERE post_id IS NOT NULL
--  * credit_txns.idempotency_key text + unique index
--  * scores.duration_sec integer
--  * posts.is_hidden, posts.is_deleted, posts.moderation_status (+ CHECK)
--  * users.challenge_penalty_until, users.boost_penalty_until
-- It does NOT create a missing PRIMARY KEY on post_reactions (0004 creates it).

-- post_reactions.post_id: nullable, FK ON DELETE SET NULL -----------------

ALTER TABLE post_reactions ALTER COLUMN post_id DROP NOT NULL;

DO $$
DECLARE
    fk record;
BEGIN
    -- Drop every FK post_reactions(post_id) -> posts that is not already the
    -- desired one (wrong delete action or unexpected name).
    FOR fk IN
        SELECT c.conname
        FROM pg_constraint c
        WHERE c.conrelid  = 'post_reactions'::regclass
          AND c.contype   = 'f'
          AND c.confrelid = 'posts'::regclass
          AND c.conkey    = ARRAY[(SELECT attnum FROM pg_attribute
                                    WHERE attrelid = 'post_reactions'::regclass
                                      AND attname  = 'post_id')]::smallint[]
          AND (c.conname <> 'post_reactions_post_id_fkey' OR c.confdeltype <> 'n')
    LOOP
        EXECUTE format('ALTER TABLE post_reactions DROP CONSTRAINT %I', fk.conname);
    END LOOP;

    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conrelid = 'post_reactions'::regclass
          AND conname  = 'post_reactions_post_id_fkey'
    ) THEN
        ALTER TABLE post_reactions
            ADD CONSTRAINT post_reactions_post_id_fkey
            FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE SET NULL;
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS post_reactions_post_id_idx
    ON post_reactions (post_id)
    WHERE post_id IS NOT NULL;

-- credit_txns -------------------------------------------------------------

ALTER TABLE credit_txns ADD COLUMN IF NOT EXISTS idempotency_key text;

CREATE UNIQUE INDEX IF NOT EXISTS credit_txns_idempotency_key_idx
    ON credit_txns (idempotency_key);

-- scores ------------------------------------------------------------------

ALTER TABLE scores ADD COLUMN IF NOT EXISTS duration_sec integer;

-- posts -------------------------------------------------------------------

ALTER TABLE posts ADD COLUMN IF NOT EXISTS is_hidden boolean NOT NULL DEFAULT false;
ALTER TABLE posts ADD COLUMN IF NOT EXISTS is_deleted boolean NOT NULL DEFAULT false;
ALTER TABLE posts ADD COLUMN IF NOT EXISTS moderation_status text NOT NULL DEFAULT 'approved';

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conrelid = 'posts'::regclass
          AND conname  = 'posts_moderation_status_check'
    ) THEN
        ALTER TABLE posts
            ADD CONSTRAINT posts_moderation_status_check
            CHECK (moderation_status IN ('pending', 'approved', 'rejected', 'flagged'));
    END IF;
END
$$;

-- users -------------------------------------------------------------------

ALTER TABLE users ADD COLUMN IF NOT EXISTS challenge_penalty_until timestamptz;
ALTER TABLE users ADD COLUMN IF NOT EXISTS boost_penalty_until timestamptz;
