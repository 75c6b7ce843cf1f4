-- covers: date/time types timestamptz, timestamp(3), timestamp without time zone, date, time, timetz, interval, interval fields; temporal defaults (now(), CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP, literal casts)
CREATE TABLE events (
    id bigint PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    recorded_at timestamp(3) DEFAULT LOCALTIMESTAMP(3),
    plain_ts timestamp without time zone,
    ts_tz_precision timestamp(0) with time zone DEFAULT CURRENT_TIMESTAMP,
    event_date date NOT NULL DEFAULT CURRENT_DATE,
    event_time time,
    event_timetz time with time zone,
    duration interval DEFAULT '1 hour'::interval,
    short_duration interval day to second(0),
    yearly interval year to month,
    epoch_start timestamptz DEFAULT '1970-01-01 00:00:00+00'::timestamptz,
    far_future date DEFAULT 'infinity'::date
);
