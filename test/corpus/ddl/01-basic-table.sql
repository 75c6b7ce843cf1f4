-- covers: basic table, serial PK, NOT NULL, literal defaults, now() default
CREATE TABLE users (
    id serial PRIMARY KEY,
    email text NOT NULL,
    display_name varchar(100),
    is_active boolean NOT NULL DEFAULT true,
    login_count integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
