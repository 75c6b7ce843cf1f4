CREATE SEQUENCE shared_ids;
CREATE TABLE widgets (id bigint NOT NULL DEFAULT nextval('shared_ids') PRIMARY KEY, name text);
CREATE TABLE gadgets (id bigint NOT NULL DEFAULT nextval('shared_ids') PRIMARY KEY, name text);
INSERT INTO widgets (name) VALUES ('w');
INSERT INTO gadgets (name) VALUES ('g');
