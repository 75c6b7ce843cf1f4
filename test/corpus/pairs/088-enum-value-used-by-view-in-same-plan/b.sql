CREATE TYPE member_state AS ENUM ('active', 'suspended', 'left');
CREATE TABLE memberships (id integer PRIMARY KEY, state member_state NOT NULL);
INSERT INTO memberships VALUES (1, 'active'), (2, 'left');
CREATE VIEW suspended_members AS SELECT id FROM memberships WHERE state = 'suspended';
