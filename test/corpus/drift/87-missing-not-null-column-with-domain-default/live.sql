CREATE DOMAIN qty AS integer NOT NULL DEFAULT 0;
CREATE TABLE items (id integer PRIMARY KEY);
INSERT INTO items VALUES (1), (2);
-- Proof that nothing blocks the repair: the same ADD COLUMN succeeds on this filled table (the domain's default
-- fills the rows), and is undone.
ALTER TABLE items ADD COLUMN stock_probe qty NOT NULL;
ALTER TABLE items DROP COLUMN stock_probe;
