CREATE TABLE tag (id int PRIMARY KEY, label text NOT NULL);
INSERT INTO tag VALUES (1, 'b'), (2, 'A'), (3, 'a');
