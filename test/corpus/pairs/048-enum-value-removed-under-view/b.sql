CREATE TYPE channel AS ENUM ('web', 'phone');
CREATE TABLE leads (id integer PRIMARY KEY, channel channel NOT NULL);
INSERT INTO leads VALUES (1, 'web'), (2, 'phone');
CREATE VIEW web_leads AS SELECT id, channel FROM leads WHERE channel = 'web';
