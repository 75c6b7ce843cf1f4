CREATE TABLE subscribers (
    id       integer PRIMARY KEY,
    email    text,
    nickname text NOT NULL DEFAULT ''
);
ALTER TABLE subscribers ALTER COLUMN nickname DROP DEFAULT;
INSERT INTO subscribers (id, email, nickname) VALUES
    (1, 'a@example.com', 'a'), (2, NULL, 'b'), (3, 'c@example.com', 'c'), (4, NULL, 'd'), (5, '', 'e');
