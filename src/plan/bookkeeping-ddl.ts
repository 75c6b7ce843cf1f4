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

/**
 * Columns added to schema_doctor.runs for `history` and `restore` (idempotent, so that databases whose bookkeeping
 * tables an older schema-doctor made are upgraded in place):
 *   tables         the tables the run's steps touched (restore refuses when a later run touched one of them)
 *   before_state   per table, as it was before the run: row count, primary key, columns (type, NOT NULL, default)
 *   added_objects  the constraints, unique indexes and NOT NULLs the run added on those tables
 *   restores       for a run made by `restore`: the run it undid
 *   restored_by    the `restore` run that undid this run
 */
export const RUNS_UPGRADE_DDL = `ALTER TABLE schema_doctor.runs
  ADD COLUMN IF NOT EXISTS tables jsonb,
  ADD COLUMN IF NOT EXISTS before_state jsonb,
  ADD COLUMN IF NOT EXISTS added_objects jsonb,
  ADD COLUMN IF NOT EXISTS restores text,
  ADD COLUMN IF NOT EXISTS restored_by text;`;
