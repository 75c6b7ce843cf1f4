CREATE TABLE plans (id integer PRIMARY KEY, legacy_no integer CONSTRAINT plans_legacy_no_key UNIQUE);
CREATE TABLE subs (id integer PRIMARY KEY, plan_no integer CONSTRAINT subs_plan_fkey REFERENCES plans (legacy_no));
