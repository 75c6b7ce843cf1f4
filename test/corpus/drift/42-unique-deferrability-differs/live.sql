CREATE TABLE playlist_items (
    playlist_id integer NOT NULL,
    position    integer NOT NULL,
    track       text NOT NULL,
    CONSTRAINT playlist_items_position_key UNIQUE (playlist_id, position)
);
INSERT INTO playlist_items VALUES (1, 1, 'a'), (1, 2, 'b'), (2, 1, 'c');
