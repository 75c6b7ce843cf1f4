CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE diary (id integer PRIMARY KEY, entry text NOT NULL, mood mood NOT NULL DEFAULT 'ok');
INSERT INTO diary VALUES (1, 'rain', 'sad'), (2, 'sun', 'happy');
