CREATE TABLE teams (id integer PRIMARY KEY, name varchar(20) NOT NULL);
CREATE TABLE members (id integer PRIMARY KEY, team_id integer NOT NULL REFERENCES teams (id), nick varchar(20) NOT NULL);
INSERT INTO teams VALUES (1, 'red');
INSERT INTO members VALUES (1, 1, 'ace');
CREATE VIEW roster AS SELECT t.name AS team, m.nick FROM teams t JOIN members m ON m.team_id = t.id;
