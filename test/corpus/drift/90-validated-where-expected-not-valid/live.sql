CREATE DOMAIN positive_int AS integer CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE TABLE patients (id integer PRIMARY KEY, age integer, CONSTRAINT patients_age_check CHECK (age >= 0));
CREATE TABLE visits (id integer PRIMARY KEY, patient_id integer, CONSTRAINT visits_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id));
INSERT INTO patients VALUES (1, 30), (2, NULL);
INSERT INTO visits VALUES (1, 1), (2, NULL);
