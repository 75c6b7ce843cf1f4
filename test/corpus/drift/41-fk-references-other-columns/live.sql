CREATE TABLE plans (id integer PRIMARY KEY, legacy_no integer NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE subscriptions (
    id      integer PRIMARY KEY,
    plan_no integer NOT NULL CONSTRAINT subscriptions_plan_fkey REFERENCES plans (id)
);
INSERT INTO plans VALUES (1, 10, 'basic'), (2, 20, 'pro'), (10, 30, 'team');
INSERT INTO subscriptions VALUES (1, 1), (2, 2), (3, 10), (4, 1);
