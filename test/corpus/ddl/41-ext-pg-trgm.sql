-- covers: extension pg_trgm: gin_trgm_ops and gist_trgm_ops indexes (incl. expression index with lower() and siglen param), similarity() in a view
CREATE EXTENSION pg_trgm;
CREATE TABLE search_terms (
    id integer PRIMARY KEY,
    term text NOT NULL,
    description text
);
CREATE INDEX search_terms_term_trgm ON search_terms USING gin (term gin_trgm_ops);
CREATE INDEX search_terms_lower_desc_trgm ON search_terms USING gin (lower(description) gin_trgm_ops);
CREATE INDEX search_terms_term_gist_trgm ON search_terms USING gist (term gist_trgm_ops (siglen = 32));
CREATE VIEW similar_terms AS
    SELECT a.id AS a_id, b.id AS b_id, similarity(a.term, b.term) AS score
    FROM search_terms a JOIN search_terms b ON a.id < b.id AND a.term % b.term;
