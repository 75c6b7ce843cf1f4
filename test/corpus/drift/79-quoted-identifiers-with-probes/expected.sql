CREATE TABLE "Order Items" (
    "Id"    integer NOT NULL,
    "Qty"   integer,
    "user"  text,
    "order" integer,
    CONSTRAINT "Order Items_pkey" PRIMARY KEY ("Id"),
    CONSTRAINT "Qty positive" CHECK ("Qty" > 0),
    CONSTRAINT "One line per order and user" UNIQUE ("order", "user")
);
CREATE TABLE "user" (id integer PRIMARY KEY, "Display Name" text NOT NULL);
