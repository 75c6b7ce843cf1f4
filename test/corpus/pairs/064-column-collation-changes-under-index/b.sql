CREATE TABLE words (id integer PRIMARY KEY, word text COLLATE "POSIX" NOT NULL);
CREATE INDEX words_word ON words (word);
INSERT INTO words VALUES (1, 'apple'), (2, 'Zebra');
