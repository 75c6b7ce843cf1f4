CREATE TABLE tasks (
    id         integer PRIMARY KEY,
    status     text NOT NULL DEFAULT 'pending',
    created_at timestamptz NOT NULL,
    weight     integer DEFAULT 1
);
