CREATE TABLE reservations (
    id     integer PRIMARY KEY,
    during tstzrange NOT NULL,
    CONSTRAINT reservations_during_excl EXCLUDE USING gist (during WITH &&)
);
