CREATE TABLE pages (id integer PRIMARY KEY, tenant_id integer, slug text);
INSERT INTO pages VALUES
    (1, 1, 'a'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a'),
    (5, 2, NULL), (6, 2, NULL), (7, NULL, 'a'), (8, NULL, 'a'), (9, NULL, NULL), (10, NULL, NULL), (11, NULL, NULL);
