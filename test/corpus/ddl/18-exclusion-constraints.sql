-- covers: exclusion constraints without extensions: gist on tsrange/box/circle (WITH &&), btree (WITH =), with WHERE predicate, DEFERRABLE, INCLUDE
CREATE TABLE room_bookings (
    id integer PRIMARY KEY,
    room_id integer NOT NULL,
    during tsrange NOT NULL,
    cancelled boolean NOT NULL DEFAULT false,
    CONSTRAINT room_bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (NOT cancelled)
);
CREATE TABLE shapes (
    id integer PRIMARY KEY,
    footprint box,
    halo circle,
    EXCLUDE USING gist (footprint WITH &&),
    CONSTRAINT shapes_halo_excl EXCLUDE USING gist (halo WITH &&) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE one_active_per_user (
    user_id integer NOT NULL,
    session_id integer NOT NULL,
    active boolean NOT NULL,
    CONSTRAINT one_active_excl EXCLUDE USING btree (user_id WITH =) WHERE (active)
);
CREATE TABLE price_periods (
    product_id integer NOT NULL,
    valid daterange NOT NULL,
    CONSTRAINT price_periods_excl EXCLUDE USING gist (valid WITH &&) INCLUDE (product_id)
);
