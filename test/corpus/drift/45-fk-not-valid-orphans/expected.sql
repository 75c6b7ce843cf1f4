CREATE TABLE teams (id integer PRIMARY KEY);
CREATE TABLE members (
    id      integer PRIMARY KEY,
    team_id integer NOT NULL CONSTRAINT members_team_id_fkey REFERENCES teams (id)
);
