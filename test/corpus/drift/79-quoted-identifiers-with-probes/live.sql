CREATE TABLE "Order Items" ("Id" integer NOT NULL, "Qty" integer, "user" text, "order" integer);
INSERT INTO "Order Items" VALUES
    (1, 0, 'ann', 1), (1, -2, 'ann', 1), (2, 3, 'bob', 1), (3, NULL, 'bob', 2), (4, 1, NULL, 2), (5, 1, NULL, 2);
CREATE TABLE "user" (id integer PRIMARY KEY);
INSERT INTO "user" VALUES (1), (2);
