-- 0006_reactions_are_permanent.sql
-- Reactions can never be deleted. The trigger fires on DELETE only (never on
-- UPDATE) so that ON DELETE SET NULL on post_reactions.post_id (0008) can
-- still detach reactions from a deleted post. While the FK is ON DELETE
-- CASCADE (0004), deleting a post with reactions fails because the cascaded
-- DELETE hits this trigger. Idempotent (CREATE OR REPLACE, PG14+).

CREATE OR REPLACE FUNCTION reactions_are_permanent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'post_reactions are permanent: cannot delete reaction %', OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE OR REPLACE TRIGGER reactions_are_permanent
    BEFORE DELETE ON post_reactions
    FOR EACH ROW EXECUTE FUNCTION reactions_are_permanent();
