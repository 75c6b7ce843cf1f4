-- covers: extension "uuid-ossp": uuid_generate_v4() / uuid_generate_v1mc() / uuid_generate_v5() defaults and generated column, extension in public schema
CREATE EXTENSION "uuid-ossp";
CREATE TABLE devices (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    boot_id uuid NOT NULL DEFAULT uuid_generate_v1mc(),
    hostname text NOT NULL,
    stable_id uuid GENERATED ALWAYS AS (uuid_generate_v5('6ba7b810-9dad-11d1-80b4-00c04fd430c8'::uuid, hostname)) STORED
);
