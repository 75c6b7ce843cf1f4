CREATE TABLE plans (id integer PRIMARY KEY, legacy_no integer NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE subscriptions (
    id      integer PRIMARY KEY,
    plan_no integer NOT NULL CONSTRAINT subscriptions_plan_fkey REFERENCES plans (legacy_no)
);
