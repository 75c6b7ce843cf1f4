CREATE TABLE regions (country text NOT NULL, code text NOT NULL, name text, CONSTRAINT regions_pkey PRIMARY KEY (code));
CREATE TABLE offices (id integer PRIMARY KEY, country text NOT NULL, region_code text NOT NULL,
    CONSTRAINT offices_region_fkey FOREIGN KEY (region_code) REFERENCES regions (code));
INSERT INTO regions VALUES ('FR', 'IDF', 'Ile-de-France'), ('FR', 'BRE', 'Bretagne');
INSERT INTO offices VALUES (1, 'FR', 'IDF');
