CREATE TABLE members (id integer PRIMARY KEY, email text NOT NULL, deleted_at timestamptz);
CREATE UNIQUE INDEX members_email_live_idx ON members (email) WHERE deleted_at IS NULL;
INSERT INTO members VALUES
    (1, 'a@example.com', '2024-01-01'), (2, 'a@example.com', NULL), (3, 'b@example.com', NULL),
    (4, 'c@example.com', '2024-01-01'), (5, 'c@example.com', '2024-02-01'), (6, 'c@example.com', NULL);
