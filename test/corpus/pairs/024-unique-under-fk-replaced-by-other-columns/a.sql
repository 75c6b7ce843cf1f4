CREATE TABLE plans (id integer PRIMARY KEY, code text NOT NULL, ext_id uuid NOT NULL,
    CONSTRAINT plans_code_key UNIQUE (code));
CREATE TABLE subscriptions (id integer PRIMARY KEY, plan_code text NOT NULL, plan_ext uuid NOT NULL,
    CONSTRAINT subscriptions_plan_fkey FOREIGN KEY (plan_code) REFERENCES plans (code));
INSERT INTO plans VALUES (1, 'basic', '00000000-0000-0000-0000-000000000001'), (2, 'pro', '00000000-0000-0000-0000-000000000002');
INSERT INTO subscriptions VALUES (1, 'pro', '00000000-0000-0000-0000-000000000002');
