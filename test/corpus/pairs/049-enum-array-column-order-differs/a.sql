CREATE TYPE perm AS ENUM ('read', 'write', 'admin');
CREATE TABLE api_keys (id integer PRIMARY KEY, perms perm[] NOT NULL DEFAULT '{read}');
INSERT INTO api_keys VALUES (1, '{read,write}'), (2, '{admin}');
