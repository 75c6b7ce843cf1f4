CREATE TABLE settings (
    id      integer PRIMARY KEY,
    user_id integer,
    CONSTRAINT settings_user_id_key UNIQUE NULLS NOT DISTINCT (user_id)
);
