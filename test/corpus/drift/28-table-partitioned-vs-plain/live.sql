CREATE TABLE measurements (sensor_id integer NOT NULL, taken_at timestamptz NOT NULL, value double precision);
