-- 0003_create_book_view_statistics.sql
-- Per-book view counters. NOTE: as originally shipped there is NO unique
-- constraint on (book_id, view_type); only separate indexes. Migration 0007
-- adds the unique constraint needed by INSERT ... ON CONFLICT (book_id, view_type).

CREATE TABLE IF NOT EXISTS book_view_statistics (
    id             serial PRIMARY KEY,
    book_id        uuid NOT NULL
                   CONSTRAINT book_view_statistics_book_id_fkey
                   REFERENCES books (id) ON DELETE CASCADE,
    view_type      varchar(32) NOT NULL
                   CONSTRAINT book_view_statistics_view_type_check
                   CHECK (view_type IN ('card_view', 'reader_open')),
    view_count     integer NOT NULL DEFAULT 0,
    last_viewed_at timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS book_view_statistics_book_id_idx
    ON book_view_statistics (book_id);
CREATE INDEX IF NOT EXISTS book_view_statistics_view_type_idx
    ON book_view_statistics (view_type);
