CREATE COLLATION split (locale = 'POSIX');
CREATE TABLE note (id int PRIMARY KEY, body text);
