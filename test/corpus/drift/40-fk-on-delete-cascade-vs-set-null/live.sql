CREATE TABLE posts (id integer PRIMARY KEY, body text NOT NULL);
CREATE TABLE comments (
    id      integer PRIMARY KEY,
    post_id integer CONSTRAINT comments_post_id_fkey REFERENCES posts (id) ON DELETE CASCADE,
    body    text NOT NULL
);
INSERT INTO posts VALUES (1, 'hello');
INSERT INTO comments VALUES (1, 1, 'first'), (2, NULL, 'detached');
