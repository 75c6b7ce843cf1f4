CREATE TYPE size AS ENUM ('large', 'medium', 'small');
CREATE TABLE shirts (id integer PRIMARY KEY, size size NOT NULL DEFAULT 'medium');
CREATE INDEX shirts_size ON shirts (size);
INSERT INTO shirts VALUES (1, 'small'), (2, 'large'), (3, 'medium');
