CREATE COLLATION sorted (locale = 'C');
CREATE TABLE word (id int PRIMARY KEY, w text COLLATE sorted);
INSERT INTO word VALUES (1, 'x');
