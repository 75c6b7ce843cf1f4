CREATE TABLE patients (id integer PRIMARY KEY, age integer);
INSERT INTO patients VALUES (1, 30), (2, -1);
ALTER TABLE patients ADD CONSTRAINT patients_age_nonneg CHECK (age >= 0) NOT VALID;
