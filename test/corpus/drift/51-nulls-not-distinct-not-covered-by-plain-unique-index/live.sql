CREATE TABLE settings (id integer PRIMARY KEY, user_id integer);
CREATE UNIQUE INDEX settings_user_id_idx ON settings (user_id);
INSERT INTO settings VALUES (1, 1), (2, 2), (3, NULL), (4, NULL);
