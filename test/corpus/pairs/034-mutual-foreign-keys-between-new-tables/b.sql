CREATE TABLE settings (key text PRIMARY KEY, value text);
INSERT INTO settings VALUES ('mode', 'on');
CREATE TABLE teams (id integer PRIMARY KEY, name text NOT NULL, captain_id integer);
CREATE TABLE players (id integer PRIMARY KEY, name text NOT NULL, team_id integer NOT NULL);
ALTER TABLE teams ADD CONSTRAINT teams_captain_fkey FOREIGN KEY (captain_id) REFERENCES players (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE players ADD CONSTRAINT players_team_fkey FOREIGN KEY (team_id) REFERENCES teams (id);
