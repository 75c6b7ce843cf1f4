/** schema-doctor's own schema: the archive of every row a repair changed, applied runs, dropped definitions. */
export const BOOKKEEPING_DDL = `CREATE SCHEMA IF NOT EXISTS schema_doctor;
CREATE TABLE IF NOT EXISTS schema_doctor.archive (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id      text NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  table_name  text NOT NULL,
  reason      text NOT NULL,
  row_data    jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS schema_doctor.runs (
  run_id        text PRIMARY KEY,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  operator      text NOT NULL,
  host          text NOT NULL,
  plan_hash     text NOT NULL,
  dry_run       boolean NOT NULL DEFAULT false,
  steps         jsonb NOT NULL,
  rows_affected bigint,
  outcome       text NOT NULL,
  detail        text
);
CREATE TABLE IF NOT EXISTS schema_doctor.dropped_objects (
  run_id      text NOT NULL,
  object_type text NOT NULL,
  object      text NOT NULL,
  definition  text NOT NULL,
  dropped_at  timestamptz NOT NULL DEFAULT now()
);`;
