CREATE TABLE tasks (
    id         integer PRIMARY KEY,
    status     text NOT NULL DEFAULT 'new',
    created_at timestamptz NOT NULL DEFAULT now(),
    weight     integer
);
