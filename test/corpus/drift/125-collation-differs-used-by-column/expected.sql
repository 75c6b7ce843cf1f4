CREATE COLLATION sorted (lc_collate = 'C', lc_ctype = 'POSIX');
CREATE TABLE word (id int PRIMARY KEY, w text COLLATE sorted);
