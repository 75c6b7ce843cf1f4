CREATE TABLE reservations (
    id     integer PRIMARY KEY,
    during tstzrange NOT NULL,
    CONSTRAINT reservations_no_overlap EXCLUDE USING gist (during WITH &&)
);
