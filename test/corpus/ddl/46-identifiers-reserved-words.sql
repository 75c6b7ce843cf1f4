-- covers: tricky identifiers: SQL reserved words as schema/table/column/constraint/index/function/type names ("select", "user", "order", "from", "table", "group", "where", "check", "default", "primary", "column"), non-reserved keywords unquoted (name, type, value, key, data)
CREATE SCHEMA "from";
CREATE TABLE "user" (
    "select" integer PRIMARY KEY,
    "from" text NOT NULL,
    "order" integer DEFAULT 0,
    "group" text,
    "where" boolean,
    "default" text DEFAULT 'default',
    "primary" boolean DEFAULT false,
    "column" integer,
    name text,
    type text,
    value text,
    key text,
    data jsonb,
    CONSTRAINT "check" CHECK ("order" >= 0),
    CONSTRAINT "unique" UNIQUE ("from", "group")
);
CREATE TABLE "from"."order" (
    "table" integer PRIMARY KEY,
    "user" integer REFERENCES "user" ("select") ON DELETE SET NULL,
    "limit" integer,
    "offset" integer,
    CONSTRAINT "foreign" FOREIGN KEY ("limit") REFERENCES "from"."order" ("table")
);
CREATE INDEX "index" ON "user" ("order", "group");
CREATE INDEX "where" ON "from"."order" ("user") WHERE "offset" IS NOT NULL;
CREATE TYPE "from"."case" AS ENUM ('when', 'then', 'else');
CREATE TABLE "from"."select" (
    "case" "from"."case",
    "end" text
);
CREATE VIEW "from"."view" AS SELECT "select", "from", "order" FROM public."user";
CREATE FUNCTION "from"."table"("from" integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$ SELECT "from" * 2 $$;
CREATE SEQUENCE "from"."sequence";
