CREATE TABLE accounts (
    id    integer PRIMARY KEY,
    email text NOT NULL UNIQUE,
    age   integer CHECK (age BETWEEN 0 AND 150)
);
INSERT INTO accounts VALUES (1, 'a@example.com', 30);
