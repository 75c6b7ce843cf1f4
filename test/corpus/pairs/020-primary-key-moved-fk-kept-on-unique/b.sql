CREATE TABLE accounts (id integer NOT NULL, handle text NOT NULL, CONSTRAINT accounts_pkey PRIMARY KEY (handle),
    CONSTRAINT accounts_id_key UNIQUE (id));
CREATE TABLE sessions (id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts (id));
INSERT INTO accounts VALUES (1, 'ann'), (2, 'bob');
INSERT INTO sessions VALUES (100, 1), (101, 2);
