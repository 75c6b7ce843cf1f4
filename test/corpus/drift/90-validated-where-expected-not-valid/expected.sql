CREATE DOMAIN positive_int AS integer;
ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0) NOT VALID;
CREATE TABLE patients (id integer PRIMARY KEY, age integer);
ALTER TABLE patients ADD CONSTRAINT patients_age_check CHECK (age >= 0) NOT VALID;
CREATE TABLE visits (id integer PRIMARY KEY, patient_id integer);
ALTER TABLE visits ADD CONSTRAINT visits_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) NOT VALID;
