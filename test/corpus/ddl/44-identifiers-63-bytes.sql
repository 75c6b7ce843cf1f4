-- covers: tricky identifiers: names exactly 63 bytes long (ASCII and multi-byte: é/表/emoji), table/column/index/constraint/schema/sequence names at the 63-byte limit
CREATE SCHEMA "表表表表表表表表表表表表表表表表表表表表表";
CREATE TABLE "t_exactly_sixty_three_bytes_long_identifier_for_testing_limits_" (
    id integer PRIMARY KEY,
    "c_column_name_that_is_exactly_sixty_three_bytes_long_abcdefghij" text NOT NULL,
    "表表表表表表表表表表表表表表表表表表表表表" integer,
    CONSTRAINT "ck_üüüüüüüüüüüüüüüüüüüüüüüüüüüüüü" CHECK ("表表表表表表表表表表表表表表表表表表表表表" > 0)
);
CREATE INDEX "idx_éééééééééééééééééééééééééééééz" ON "t_exactly_sixty_three_bytes_long_identifier_for_testing_limits_" ("c_column_name_that_is_exactly_sixty_three_bytes_long_abcdefghij");
CREATE TABLE "表表表表表表表表表表表表表表表表表表表表表"."café_表_🚀_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" (
    "café_表_🚀_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "t_exactly_sixty_three_bytes_long_identifier_for_testing_limits_" integer REFERENCES "t_exactly_sixty_three_bytes_long_identifier_for_testing_limits_" (id)
);
CREATE SEQUENCE "表表表表表表表表表表表表表表表表表表表表表"."表表表表表表表表表表表表表表表表表表表表表";
CREATE VIEW "表表表表表表表表表表表表表表表表表表表表表"."c_column_name_that_is_exactly_sixty_three_bytes_long_abcdefghij" AS SELECT "café_表_🚀_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" FROM "表表表表表表表表表表表表表表表表表表表表表"."café_表_🚀_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
COMMENT ON TABLE "t_exactly_sixty_three_bytes_long_identifier_for_testing_limits_" IS '63-byte ascii name';
COMMENT ON COLUMN "表表表表表表表表表表表表表表表表表表表表表"."café_表_🚀_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"."café_表_🚀_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" IS '63-byte multibyte name';
