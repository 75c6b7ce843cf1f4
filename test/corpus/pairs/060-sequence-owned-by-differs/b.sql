CREATE SEQUENCE shared_ids;
CREATE TABLE widgets (id bigint NOT NULL DEFAULT nextval('shared_ids') PRIMARY KEY, name text);
CREATE TABLE gadgets (id bigint NOT NULL DEFAULT nextval('shared_ids') PRIMARY KEY, name text);
ALTER SEQUENCE shared_ids OWNED BY widgets.id;
INSERT INTO widgets (name) VALUES ('w');
INSERT INTO gadgets (name) VALUES ('g');
