-- covers: extension citext: citext columns, citext primary/unique keys, citext domain, citext array, index on citext
CREATE EXTENSION citext;
CREATE DOMAIN email_ci AS citext CHECK (VALUE ~ '^[^@\s]+@[^@\s]+$');
CREATE TABLE ci_users (
    username citext PRIMARY KEY,
    email email_ci NOT NULL UNIQUE,
    aliases citext[] DEFAULT '{}'::citext[],
    display citext DEFAULT 'Anonymous'::citext
);
CREATE INDEX ci_users_display_idx ON ci_users (display);
