-- 0007_add_unique_constraint_book_view_statistics.sql
-- Adds UNIQUE (book_id, view_type) required by
--   INSERT ... ON CONFLICT (book_id, view_type) DO UPDATE
-- Existing duplicate (book_id, view_type) rows are merged first:
--   survivor       = row with the lowest id in each group
--   view_count     = sum(view_count) over the group
--   last_viewed_at = max(last_viewed_at)   (NULLs ignored)
--   created_at     = min(created_at)
--   updated_at     = now()
-- then the other rows of the group are deleted.
-- Everything runs in one DO block (one statement, hence atomic even without
-- an explicit transaction) under a lock that blocks concurrent writes, and
-- is skipped entirely when the constraint already exists (idempotent).

DO $$
DECLARE
    merged_groups integer;
    removed_rows  integer;
BEGIN
    IF EXISTS (
        SELECT 1
        FROM pg_constraint
        WHERE conrelid = 'book_view_statistics'::regclass
          AND conname  = 'book_view_statistics_book_id_view_type_unique'
    ) THEN
        RAISE NOTICE '0007: constraint book_view_statistics_book_id_view_type_unique already exists, skipping';
        RETURN;
    END IF;

    LOCK TABLE book_view_statistics IN SHARE ROW EXCLUSIVE MODE;

    WITH dup AS (
        SELECT book_id,
               view_type,
               min(id)             AS keep_id,
               sum(view_count)     AS total_views,
               max(last_viewed_at) AS last_viewed,
               min(created_at)     AS first_created
        FROM book_view_statistics
        GROUP BY book_id, view_type
        HAVING count(*) > 1
    )
    UPDATE book_view_statistics s
       SET view_count     = d.total_views,
           last_viewed_at = d.last_viewed,
           created_at     = d.first_created,
           updated_at     = now()
      FROM dup d
     WHERE s.id = d.keep_id;
    GET DIAGNOSTICS merged_groups = ROW_COUNT;

    DELETE FROM book_view_statistics s
     USING book_view_statistics k
     WHERE k.book_id   = s.book_id
       AND k.view_type = s.view_type
       AND k.id        < s.id;
    GET DIAGNOSTICS removed_rows = ROW_COUNT;

    ALTER TABLE book_view_statistics
        ADD CONSTRAINT book_view_statistics_book_id_view_type_unique
        UNIQUE (book_id, view_type);

    RAISE NOTICE '0007: merged % duplicate group(s), deleted % surplus row(s), added constraint',
        merged_groups, removed_rows;
END
$$;
