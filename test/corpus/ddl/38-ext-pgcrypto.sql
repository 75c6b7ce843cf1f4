-- covers: extension pgcrypto: CREATE EXTENSION, functions crypt()/gen_salt()/digest() in defaults, generated columns and check constraints, extension installed in its own schema
CREATE SCHEMA crypto;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA crypto;
CREATE TABLE credentials (
    id uuid PRIMARY KEY DEFAULT crypto.gen_random_uuid(),
    username text NOT NULL UNIQUE,
    password_hash text NOT NULL DEFAULT crypto.crypt('changeme', crypto.gen_salt('bf', 8)),
    api_key bytea NOT NULL DEFAULT crypto.gen_random_bytes(32),
    api_key_sha256 bytea GENERATED ALWAYS AS (crypto.digest(api_key, 'sha256')) STORED,
    CONSTRAINT credentials_hash_format CHECK (password_hash LIKE '$2a$%')
);
CREATE FUNCTION check_password(p_username text, p_password text) RETURNS boolean
    LANGUAGE sql STABLE
AS $$
    SELECT password_hash = crypto.crypt(p_password, password_hash) FROM credentials WHERE username = p_username
$$;
