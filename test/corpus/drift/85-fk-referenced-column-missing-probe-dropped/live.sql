CREATE TABLE plans (id integer PRIMARY KEY);
CREATE TABLE subs (id integer PRIMARY KEY, plan_no integer);
INSERT INTO plans VALUES (1);
INSERT INTO subs VALUES (1, 1), (2, 5), (3, NULL);
