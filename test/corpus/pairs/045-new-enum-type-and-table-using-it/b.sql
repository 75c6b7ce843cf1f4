CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);
INSERT INTO users VALUES (1, 'a@example.org');
CREATE TYPE notify_channel AS ENUM ('email', 'sms', 'push');
CREATE TABLE notification_prefs (user_id integer NOT NULL REFERENCES users (id), channel notify_channel NOT NULL,
    PRIMARY KEY (user_id, channel));
INSERT INTO notification_prefs VALUES (1, 'sms');
