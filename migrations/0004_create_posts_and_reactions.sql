-- 0004_create_posts_and_reactions.sql
-- Community posts and reactions (words.soulbridgeai.com incident).
-- As originally shipped post_reactions.post_id is NOT NULL with ON DELETE
-- CASCADE; migration 0008 changes that to nullable + ON DELETE SET NULL.

CREATE TABLE IF NOT EXISTS posts (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL
               CONSTRAINT posts_user_id_fkey REFERENCES users (id),
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS posts_user_id_idx ON posts (user_id);

CREATE TABLE IF NOT EXISTS post_reactions (
    id            bigserial PRIMARY KEY,
    post_id       bigint NOT NULL
                  CONSTRAINT post_reactions_post_id_fkey
                  REFERENCES posts (id) ON DELETE CASCADE,
    user_id       bigint NOT NULL
                  CONSTRAINT post_reactions_user_id_fkey REFERENCES users (id),
    reaction_type text NOT NULL
                  CONSTRAINT post_reactions_reaction_type_check
                  CHECK (reaction_type IN ('like', 'love', 'laugh', 'wow', 'sad', 'angry')),
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS post_reactions_user_id_idx ON post_reactions (user_id);
