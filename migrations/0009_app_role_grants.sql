-- 0009_app_role_grants.sql
-- The application's role. app_rw cannot log in (NOLOGIN): the application's login roles are made members of it
-- (GRANT app_rw TO app_web). It may use schema public, read and write every table of the application and use the
-- sequences behind their serial keys (the identity column users.id needs no sequence privilege), and the tables
-- and sequences that later migrations create in public get the same rights (default privileges of the role that
-- runs the migrations). Idempotent: a role belongs to the whole server, so CREATE ROLE tolerates one that exists
-- (unique_violation: another session creating it at the same moment); GRANT and ALTER DEFAULT PRIVILEGES change
-- nothing when the rights are already there.

DO $$
BEGIN
    CREATE ROLE app_rw NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO app_rw;

GRANT SELECT, INSERT, UPDATE, DELETE
    ON TABLE users, books, book_view_statistics, posts, post_reactions, credit_txns, scores
    TO app_rw;

GRANT USAGE
    ON SEQUENCE book_view_statistics_id_seq, posts_id_seq, post_reactions_id_seq, credit_txns_id_seq, scores_id_seq
    TO app_rw;

ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_rw;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO app_rw;
