CREATE TYPE doc_state AS ENUM ('draft', 'published');
CREATE TABLE articles (id integer PRIMARY KEY, state doc_state NOT NULL DEFAULT 'draft');
INSERT INTO articles VALUES (1, 'draft'), (2, 'published');
