-- demo/production.sql: the sample application's production database "as it had it", applied by
-- `schema-doctor demo` after migrations 0001-0006 (0007 and 0008 never reached production).
--   * book_view_statistics has no UNIQUE (book_id, view_type) (migration 0007) and 3 duplicate groups
--     (4 surplus rows), so INSERT ... ON CONFLICT (book_id, view_type) fails;
--   * post_reactions lost its primary key (the table was re-created by hand at some point) and has one
--     duplicated id; its FK is still ON DELETE CASCADE with post_id NOT NULL (migration 0008 not applied);
--   * the columns, indexes and CHECK of migration 0008 are missing;
--   * the application role app_rw was set up by hand before migration 0009 existed: it has USAGE on public and
--     its grants on every table but scores (the leaderboard fails with "permission denied for table scores"),
--     and no default privileges, so the next table a migration creates will be out of its reach too.
-- knex_migrations records 0001-0006 as applied (0009 never ran either).

ALTER TABLE post_reactions DROP CONSTRAINT post_reactions_pkey;

CREATE TABLE knex_migrations (
    id             serial PRIMARY KEY,
    name           varchar(255),
    batch          integer,
    migration_time timestamptz
);
INSERT INTO knex_migrations (name, batch, migration_time) VALUES
    ('0001_create_users.sql', 1, '2024-01-01 08:00:00+00'),
    ('0002_create_books.sql', 1, '2024-01-01 08:00:01+00'),
    ('0003_create_book_view_statistics.sql', 1, '2024-01-01 08:00:02+00'),
    ('0004_create_posts_and_reactions.sql', 2, '2024-03-20 08:00:00+00'),
    ('0005_create_credit_txns_and_scores.sql', 2, '2024-03-20 08:00:01+00'),
    ('0006_reactions_are_permanent.sql', 3, '2024-04-01 08:00:00+00');

-- app_rw, by hand (the role belongs to the whole server: it may exist already) ------------------------------
DO $$
BEGIN
    CREATE ROLE app_rw NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
GRANT USAGE ON SCHEMA public TO app_rw;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE users, books, book_view_statistics, posts, post_reactions, credit_txns TO app_rw;
GRANT USAGE ON SEQUENCE book_view_statistics_id_seq, posts_id_seq, post_reactions_id_seq, credit_txns_id_seq, scores_id_seq TO app_rw;

-- Data ---------------------------------------------------------------------
INSERT INTO users (id, email, display_name, created_at) VALUES
    (1, 'ada@example.com',   'Ada',   '2024-01-01 09:00:00+00'),
    (2, 'brian@example.com', 'Brian', '2024-01-02 09:00:00+00'),
    (3, 'chen@example.com',  'Chen',  '2024-01-03 09:00:00+00');
SELECT setval(pg_get_serial_sequence('users', 'id'), 3);

INSERT INTO books (id, title, author, published_at, created_at, updated_at) VALUES
    ('2d788f76-312d-4653-a804-50b23612aa8d', 'The Quiet Index',       'M. Okafor',  '2019-05-14', '2024-01-04 08:00:00+00', '2024-01-04 08:00:00+00'),
    ('22222222-2222-4222-8222-222222222222', 'Upserts in the Wild',   'L. Brandt',  '2021-09-01', '2024-01-04 08:00:00+00', '2024-01-04 08:00:00+00'),
    ('33333333-3333-4333-8333-333333333333', 'A Field Guide to Locks', 'R. Iyer',   '2020-02-29', '2024-01-04 08:00:00+00', '2024-01-04 08:00:00+00'),
    ('44444444-4444-4444-8444-444444444444', 'Vacuum and Other Tales', 'S. Novak',  '2018-11-11', '2024-01-04 08:00:00+00', '2024-01-04 08:00:00+00'),
    ('55555555-5555-4555-8555-555555555555', 'Drift',                  'P. Ahmed',  NULL,         '2024-01-04 08:00:00+00', '2024-01-04 08:00:00+00');

-- ids 1,4,9  -> duplicate group (book 2d788f76, card_view)
-- ids 2,7    -> duplicate group (book 2d788f76, reader_open)
-- ids 5,10   -> duplicate group (book 3333...,  card_view)
-- ids 3,6,8,11 -> unique pairs
INSERT INTO book_view_statistics (id, book_id, view_type, view_count, last_viewed_at, created_at, updated_at) VALUES
    ( 1, '2d788f76-312d-4653-a804-50b23612aa8d', 'card_view',   10, '2024-03-01 10:00:00+00', '2024-01-05 10:00:00+00', '2024-03-01 10:00:00+00'),
    ( 2, '2d788f76-312d-4653-a804-50b23612aa8d', 'reader_open',  7, '2024-03-02 12:00:00+00', '2024-01-06 10:00:00+00', '2024-03-02 12:00:00+00'),
    ( 3, '22222222-2222-4222-8222-222222222222', 'card_view',   12, '2024-03-02 15:00:00+00', '2024-01-07 10:00:00+00', '2024-03-02 15:00:00+00'),
    ( 4, '2d788f76-312d-4653-a804-50b23612aa8d', 'card_view',    5, '2024-03-04 09:30:00+00', '2024-02-01 10:00:00+00', '2024-03-04 09:30:00+00'),
    ( 5, '33333333-3333-4333-8333-333333333333', 'card_view',    0, NULL,                     '2024-01-20 10:00:00+00', '2024-01-20 10:00:00+00'),
    ( 6, '22222222-2222-4222-8222-222222222222', 'reader_open',  6, '2024-03-01 20:00:00+00', '2024-01-08 10:00:00+00', '2024-03-01 20:00:00+00'),
    ( 7, '2d788f76-312d-4653-a804-50b23612aa8d', 'reader_open',  3, '2024-03-05 18:45:00+00', '2024-02-02 10:00:00+00', '2024-03-05 18:45:00+00'),
    ( 8, '44444444-4444-4444-8444-444444444444', 'card_view',    1, '2024-02-28 07:00:00+00', '2024-02-03 10:00:00+00', '2024-02-28 07:00:00+00'),
    ( 9, '2d788f76-312d-4653-a804-50b23612aa8d', 'card_view',    2, '2024-02-20 11:00:00+00', '2024-02-10 10:00:00+00', '2024-02-20 11:00:00+00'),
    (10, '33333333-3333-4333-8333-333333333333', 'card_view',    4, '2024-03-03 08:15:00+00', '2024-02-15 10:00:00+00', '2024-03-03 08:15:00+00'),
    (11, '55555555-5555-4555-8555-555555555555', 'reader_open',  9, '2024-03-06 21:10:00+00', '2024-02-20 10:00:00+00', '2024-03-06 21:10:00+00');
SELECT setval(pg_get_serial_sequence('book_view_statistics', 'id'), 11);


INSERT INTO posts (id, user_id, body, created_at) VALUES
    (1, 1, 'First puzzle of the day: 7 letters, starts with Q.', '2024-04-05 10:00:00+00'),
    (2, 2, 'Anyone else stuck on level 42?',                     '2024-04-05 11:00:00+00'),
    (3, 3, 'New high score in word-ladder!',                     '2024-04-06 12:00:00+00'),
    (4, 1, 'Typo, please ignore.',                               '2024-04-06 13:00:00+00');
SELECT setval(pg_get_serial_sequence('posts', 'id'), 4);

INSERT INTO post_reactions (id, post_id, user_id, reaction_type, created_at) VALUES
    (1, 1, 2, 'like',  '2024-04-05 10:05:00+00'),
    (2, 1, 3, 'love',  '2024-04-05 10:06:00+00'),
    (3, 2, 1, 'laugh', '2024-04-05 11:10:00+00'),
    (4, 2, 3, 'like',  '2024-04-05 11:12:00+00'),
    (5, 3, 1, 'wow',   '2024-04-06 12:30:00+00'),
    (6, 3, 2, 'love',  '2024-04-06 12:31:00+00');
SELECT setval('post_reactions_id_seq', 6);

INSERT INTO credit_txns (id, user_id, amount, reason, created_at) VALUES
    (1, 1,  100.00, 'signup_bonus',     '2024-04-01 09:00:05+00'),
    (2, 2,  100.00, 'signup_bonus',     '2024-04-02 09:00:05+00'),
    (3, 1,  -25.50, 'hint_purchase',    '2024-04-05 10:20:00+00'),
    (4, 3,   50.00, 'challenge_reward', '2024-04-06 12:35:00+00');
SELECT setval(pg_get_serial_sequence('credit_txns', 'id'), 4);

INSERT INTO scores (id, user_id, game, score, created_at) VALUES
    (1, 1, 'word-ladder', 1200, '2024-04-05 10:30:00+00'),
    (2, 2, 'word-ladder',  950, '2024-04-05 11:30:00+00'),
    (3, 3, 'word-ladder', 1875, '2024-04-06 12:25:00+00'),
    (4, 3, 'anagram',      640, '2024-04-06 12:50:00+00');
SELECT setval(pg_get_serial_sequence('scores', 'id'), 4);


-- A reaction row written twice (possible once the primary key was gone): it blocks re-adding the key.
INSERT INTO post_reactions (id, post_id, user_id, reaction_type, created_at) VALUES
    (6, 3, 2, 'love', '2024-04-06 12:31:00+00');
