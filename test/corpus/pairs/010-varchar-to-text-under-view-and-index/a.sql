CREATE TABLE tags (id integer PRIMARY KEY, label varchar(40) NOT NULL);
INSERT INTO tags VALUES (1, 'red'), (2, 'blue');
CREATE INDEX tags_label ON tags (label);
CREATE VIEW tag_labels AS SELECT label FROM tags ORDER BY label;
