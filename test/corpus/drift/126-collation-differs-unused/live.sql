CREATE COLLATION split (lc_collate = 'C', lc_ctype = 'POSIX');
CREATE TABLE note (id int PRIMARY KEY, body text);
