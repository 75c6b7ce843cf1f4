CREATE TYPE doc_state AS ENUM ('draft', 'review', 'published', 'retracted');
CREATE TABLE articles (id integer PRIMARY KEY, state doc_state NOT NULL DEFAULT 'review',
    CONSTRAINT articles_state_check CHECK (state IN ('draft', 'review', 'published')));
INSERT INTO articles VALUES (1, 'draft'), (2, 'published');
