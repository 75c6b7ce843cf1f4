CREATE TABLE products (id integer PRIMARY KEY, code text NOT NULL, name text COLLATE "C" NOT NULL);
