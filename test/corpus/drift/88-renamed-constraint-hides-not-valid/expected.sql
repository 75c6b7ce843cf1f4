CREATE TABLE patients (id integer PRIMARY KEY, age integer, CONSTRAINT patients_age_check CHECK (age >= 0));
