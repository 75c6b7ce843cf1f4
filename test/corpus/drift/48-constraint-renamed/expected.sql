CREATE TABLE accounts (
    id    integer PRIMARY KEY,
    email text NOT NULL,
    age   integer,
    CONSTRAINT accounts_email_unique UNIQUE (email),
    CONSTRAINT accounts_age_sane CHECK (age BETWEEN 0 AND 150)
);
