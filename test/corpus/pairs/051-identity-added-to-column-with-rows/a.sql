CREATE TABLE orders (id integer NOT NULL, note text, CONSTRAINT orders_pkey PRIMARY KEY (id));
INSERT INTO orders VALUES (1, 'first'), (2, 'second'), (50, 'imported');
