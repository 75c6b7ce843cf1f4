CREATE TABLE settings (key text PRIMARY KEY, value text);
INSERT INTO settings VALUES ('mode', 'on');
