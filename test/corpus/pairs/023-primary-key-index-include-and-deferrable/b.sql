CREATE TABLE slots (id integer NOT NULL, label text NOT NULL,
    CONSTRAINT slots_pkey PRIMARY KEY (id) INCLUDE (label) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO slots VALUES (1, 'morning'), (2, 'evening');
