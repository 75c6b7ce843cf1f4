CREATE SCHEMA "Sales";
CREATE TABLE "Sales".orders (id integer PRIMARY KEY, "Region" text);
INSERT INTO "Sales".orders VALUES (1, 'eu'), (2, NULL), (3, 'us');
CREATE INDEX "Orders_Region_Idx" ON "Sales".orders ("Region");
