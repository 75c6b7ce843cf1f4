-- covers: views: with CTE (WITH), recursive CTE (CREATE RECURSIVE VIEW), scalar subquery, EXISTS / IN subqueries, window functions, UNION ALL, DISTINCT ON, CASE, LATERAL, security_barrier option, security_invoker option, WITH LOCAL/CASCADED CHECK OPTION, view on view with check option
CREATE TABLE categories (
    id integer PRIMARY KEY,
    parent_id integer REFERENCES categories (id),
    name text NOT NULL
);
CREATE TABLE items (
    id integer PRIMARY KEY,
    category_id integer REFERENCES categories (id),
    name text NOT NULL,
    price numeric(10,2) NOT NULL,
    is_public boolean NOT NULL DEFAULT false
);
CREATE VIEW expensive_items AS
    WITH avg_price AS (SELECT avg(price) AS p FROM items)
    SELECT i.* FROM items i, avg_price a WHERE i.price > a.p;
CREATE RECURSIVE VIEW category_tree (id, name, depth) AS
    SELECT id, name, 0 FROM categories WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, c.name, t.depth + 1 FROM categories c JOIN category_tree t ON c.parent_id = t.id;
CREATE VIEW category_item_counts AS
    SELECT c.id, c.name,
        (SELECT count(*) FROM items i WHERE i.category_id = c.id) AS item_count,
        EXISTS (SELECT 1 FROM categories ch WHERE ch.parent_id = c.id) AS has_children
    FROM categories c
    WHERE c.id IN (SELECT category_id FROM items WHERE price > 0);
CREATE VIEW ranked_items AS
    SELECT id, name, price,
        rank() OVER (PARTITION BY category_id ORDER BY price DESC) AS price_rank,
        CASE WHEN price > 100 THEN 'premium' ELSE 'standard' END AS tier
    FROM items;
CREATE VIEW cheapest_per_category AS
    SELECT DISTINCT ON (category_id) category_id, id, price FROM items ORDER BY category_id, price;
CREATE VIEW all_names AS
    SELECT name, 'category'::text AS kind FROM categories
    UNION ALL
    SELECT name, 'item' FROM items;
CREATE VIEW top_item_per_category AS
    SELECT c.id AS category_id, t.name, t.price
    FROM categories c
    CROSS JOIN LATERAL (SELECT name, price FROM items i WHERE i.category_id = c.id ORDER BY price DESC LIMIT 1) t;
CREATE VIEW public_items WITH (security_barrier) AS
    SELECT id, name, price FROM items WHERE is_public;
CREATE VIEW invoker_items WITH (security_invoker = true) AS
    SELECT id, name FROM items;
CREATE VIEW cheap_items AS
    SELECT id, category_id, name, price, is_public FROM items WHERE price < 50
    WITH CHECK OPTION;
CREATE VIEW cheap_public_items AS
    SELECT * FROM cheap_items WHERE is_public
    WITH LOCAL CHECK OPTION;
CREATE VIEW very_cheap_items WITH (check_option = cascaded, security_barrier = true) AS
    SELECT * FROM cheap_items WHERE price < 10;
