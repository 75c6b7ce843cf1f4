CREATE TABLE posts (id integer PRIMARY KEY, body text NOT NULL);
CREATE TABLE comments (
    id      integer PRIMARY KEY,
    post_id integer CONSTRAINT comments_post_id_fkey REFERENCES posts (id) ON DELETE SET NULL,
    body    text NOT NULL
);
