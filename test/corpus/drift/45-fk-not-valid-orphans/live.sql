CREATE TABLE teams (id integer PRIMARY KEY);
CREATE TABLE members (id integer PRIMARY KEY, team_id integer NOT NULL);
INSERT INTO teams VALUES (1), (2);
INSERT INTO members VALUES (1, 1), (2, 2), (3, 7), (4, 8), (5, 1);
ALTER TABLE members ADD CONSTRAINT members_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
