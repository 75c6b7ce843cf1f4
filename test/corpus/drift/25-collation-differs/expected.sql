CREATE TABLE products (id integer PRIMARY KEY, code text COLLATE "C" NOT NULL, name text NOT NULL);
