-- covers: enum types (many values, values with spaces and quotes, unicode values), enum columns with defaults, enum arrays, enum in non-public schema, ALTER TYPE ADD VALUE (BEFORE/AFTER)
CREATE SCHEMA catalog;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE order_status AS ENUM (
    'pending', 'awaiting payment', 'paid', 'packed', 'shipped',
    'out for delivery', 'delivered', 'returned', 'refunded', 'cancelled',
    'on hold', 'failed', 'disputed', 'archived'
);
CREATE TYPE weird_labels AS ENUM ('it''s', 'say "hi"', 'semi;colon', '-- dash', 'café', ' leading space', 'trailing space ', '');
CREATE TYPE catalog.visibility AS ENUM ('public', 'unlisted', 'private');
ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy';
ALTER TYPE mood ADD VALUE 'miserable' BEFORE 'sad';
CREATE TABLE catalog.items (
    id bigserial PRIMARY KEY,
    status order_status NOT NULL DEFAULT 'pending',
    current_mood mood DEFAULT 'ok'::mood,
    history order_status[] DEFAULT '{}'::order_status[],
    label weird_labels,
    visibility catalog.visibility NOT NULL DEFAULT 'private'::catalog.visibility
);
