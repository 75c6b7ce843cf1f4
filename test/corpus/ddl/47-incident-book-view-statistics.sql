-- covers: sample incident: book_view_statistics table with named multi-column UNIQUE (book_id, view_type) constraint book_view_statistics_book_id_view_type_unique, FK to books, enum-like varchar check, counters with defaults
CREATE TABLE books (
    id bigserial PRIMARY KEY,
    title varchar(255) NOT NULL,
    created_at timestamp(0) without time zone,
    updated_at timestamp(0) without time zone
);
CREATE TABLE book_view_statistics (
    id bigserial PRIMARY KEY,
    book_id bigint NOT NULL,
    view_type varchar(255) NOT NULL DEFAULT 'page'::character varying,
    view_count integer NOT NULL DEFAULT 0,
    last_viewed_at timestamp(0) without time zone,
    created_at timestamp(0) without time zone,
    updated_at timestamp(0) without time zone,
    CONSTRAINT book_view_statistics_book_id_view_type_unique UNIQUE (book_id, view_type),
    CONSTRAINT book_view_statistics_book_id_foreign FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
    CONSTRAINT book_view_statistics_view_type_check CHECK (view_type::text = ANY (ARRAY['page'::character varying, 'preview'::character varying, 'download'::character varying]::text[]))
);
CREATE INDEX book_view_statistics_view_count_index ON book_view_statistics (view_count);
