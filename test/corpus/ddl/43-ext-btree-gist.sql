-- covers: extension btree_gist: exclusion constraint mixing scalar equality and range overlap (room WITH =, during WITH &&), with WHERE, gist index on scalar + range
CREATE EXTENSION btree_gist;
CREATE TABLE reservations (
    id integer PRIMARY KEY,
    room integer NOT NULL,
    during tstzrange NOT NULL,
    status text NOT NULL DEFAULT 'confirmed',
    CONSTRAINT reservations_no_double_booking EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (status <> 'cancelled')
);
CREATE TABLE shifts (
    employee_id integer NOT NULL,
    team text NOT NULL,
    period daterange NOT NULL,
    EXCLUDE USING gist (employee_id WITH =, team WITH <>, period WITH &&)
);
CREATE INDEX shifts_team_period_gist ON shifts USING gist (team, period);
