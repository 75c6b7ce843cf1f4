CREATE TABLE view_stats (
    id        integer PRIMARY KEY,
    book_id   integer NOT NULL,
    view_type varchar(32) NOT NULL,
    views     integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX view_stats_book_view_idx ON view_stats (book_id, view_type);
INSERT INTO view_stats VALUES (1, 1, 'card_view', 3), (2, 1, 'reader_open', 1);
