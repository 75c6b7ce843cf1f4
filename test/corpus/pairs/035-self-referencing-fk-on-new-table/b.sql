CREATE TABLE sites (id integer PRIMARY KEY, host text NOT NULL);
INSERT INTO sites VALUES (1, 'example.org');
CREATE TABLE pages (id integer PRIMARY KEY, site_id integer NOT NULL REFERENCES sites (id),
    parent_id integer REFERENCES pages (id) ON DELETE CASCADE, slug text NOT NULL);
