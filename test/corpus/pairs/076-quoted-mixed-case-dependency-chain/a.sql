CREATE TABLE "Orders" ("Id" integer PRIMARY KEY, "Amount" integer NOT NULL, "Customer Name" varchar(40) NOT NULL);
INSERT INTO "Orders" VALUES (1, 100, 'Ann'), (2, 250, 'Bob "B" O''Neil');
CREATE VIEW "Order View" AS SELECT "Id", "Amount", "Customer Name" FROM "Orders";
CREATE VIEW "Big Orders" AS SELECT "Id", "Customer Name" FROM "Order View" WHERE "Amount" > 200;
