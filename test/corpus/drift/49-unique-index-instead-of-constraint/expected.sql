CREATE TABLE view_stats (
    id        integer PRIMARY KEY,
    book_id   integer NOT NULL,
    view_type varchar(32) NOT NULL,
    views     integer NOT NULL DEFAULT 0,
    CONSTRAINT view_stats_book_id_view_type_unique UNIQUE (book_id, view_type)
);
