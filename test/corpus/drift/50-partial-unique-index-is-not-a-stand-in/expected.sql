CREATE TABLE members (
    id         integer PRIMARY KEY,
    email      text NOT NULL,
    deleted_at timestamptz,
    CONSTRAINT members_email_key UNIQUE (email)
);
