-- 0002_create_books.sql
-- Book catalogue (reader.market incident). gen_random_uuid() is core since PG13.

CREATE TABLE IF NOT EXISTS books (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title        text NOT NULL,
    author       text,
    published_at date,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
