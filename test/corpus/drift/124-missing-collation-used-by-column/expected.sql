CREATE COLLATION bytewise (locale = 'C');
COMMENT ON COLLATION bytewise IS 'code-point order';
CREATE TABLE tag (id int PRIMARY KEY, label text COLLATE bytewise NOT NULL);
