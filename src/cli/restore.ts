import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type pg from 'pg';
import { ExitCode, SchemaDoctorError, UsageError } from '../errors.js';
import { connect } from '../db/connect.js';
import { acquireApplyLock, degradedMode, GuardRefusal, requirePrimary } from '../apply/guards.js';
import { BOOKKEEPING_DDL, RUNS_UPGRADE_DDL } from '../plan/bookkeeping-ddl.js';
import { hasRuns, readArchiveGroups, readRuns, type RunRecord } from '../runs/history.js';
import { archivedTableName, laterRunsInTheWay, planRestore, prunedTables, type DroppedObject, type RestorePlan, RestoreUnsupported, splitQualified, type RestoreAction } from '../runs/restore.js';
import { connectionInput, type ConnectionFlags } from './common.js';
import { parseDuration } from './duration.js';
import { unknownRun } from './history.js';
import type { Io } from './io.js';

export interface RestoreFlags extends ConnectionFlags {
  run?: string;
  dryRun?: boolean;
  yes?: boolean;
  degraded?: boolean;
  force?: boolean;
  lockTimeout?: string;
  statementTimeout?: string;
}

class RestoreFailed extends SchemaDoctorError {
  constructor(message: string, hint: string) {
    super('RESTORE_FAILED', message, hint, ExitCode.APPLY_FAILED);
  }
}

/**
 * `restore --run ID`: undoes one committed run in one transaction, under apply's guards (primary only, the apply
 * advisory lock, degraded mode, lock and statement timeouts): drops what the run added that the restored rows would
 * violate, puts every archived row, pruned column and pruned table back, verifies the row counts against those
 * before the run, and records itself as a run.
 */
export async function restoreCommand(flags: RestoreFlags, io: Io, confirm: (q: string) => Promise<boolean> = ttyConfirm(io)): Promise<number> {
  if (flags.run === undefined) throw new UsageError('BAD_OPTION', 'restore needs --run ID.', 'List the runs with schema-doctor history.');
  const lockTimeoutMs = parseDuration(flags.lockTimeout ?? '5s', '--lock-timeout');
  const statementTimeoutMs = parseDuration(flags.statementTimeout ?? '5min', '--statement-timeout');
  const dryRun = !!flags.dryRun;
  if (!dryRun && !flags.yes && !(process.stdin.isTTY && io.stdout.isTTY)) {
    throw new UsageError(
      'CONFIRMATION_NEEDED',
      'restore needs confirmation, and there is no terminal to ask on.',
      'Look at the run (schema-doctor history --run ID), then run restore --yes; or rehearse with restore --dry-run.',
    );
  }
  const { client, connection } = await connect(connectionInput(flags, io));
  let release: (() => Promise<void>) | undefined;
  try {
    await requirePrimary(client);
    release = await acquireApplyLock(client);
    if (!(await hasRuns(client))) throw unknownRun(flags.run);
    const all = await readRuns(client);
    const run = all.find((r) => r.run_id === flags.run);
    if (!run) throw unknownRun(flags.run);
    if (run.dry_run)
      throw new UsageError('RUN_IS_DRY_RUN', `Run ${run.run_id} was a dry run: it changed nothing, so there is nothing to restore.`, 'Pick a run that committed (schema-doctor history).');
    if (run.restores)
      throw new UsageError('RUN_IS_RESTORE', `Run ${run.run_id} is itself a restore (of run ${run.restores}); it cannot be restored.`, `Apply again to redo run ${run.restores}'s repairs.`);
    if (run.restored_by) throw new UsageError('RUN_ALREADY_RESTORED', `Run ${run.run_id} was already restored by run ${run.restored_by}.`, 'Nothing to do; schema-doctor history shows both runs.');

    const archive = await readArchiveGroups(client, run.run_id);
    const pruned = prunedTables(run);
    const dropped = (
      await client
        .query<DroppedObject>(`SELECT object_type, object, definition FROM schema_doctor.dropped_objects WHERE run_id = $1 ORDER BY dropped_at`, [run.run_id])
        .catch(() => ({ rows: [] as DroppedObject[] }))
    ).rows;
    if (archive.length === 0 && pruned.length === 0 && dropped.length === 0) {
      throw new UsageError(
        'NOTHING_TO_RESTORE',
        `Run ${run.run_id} archived no rows, moved no table and dropped no object: there is nothing to put back.`,
        'Its other changes (added constraints, indexes, columns) are undone by hand; docs/restore.md has the recipes.',
      );
    }
    const touched = [...new Set([...(run.tables ?? []), ...archive.map((g) => g.table_name), ...pruned])].sort();
    const inTheWay = laterRunsInTheWay(run, all, touched);
    if (inTheWay.length > 0 && !flags.force) {
      throw new GuardRefusal(
        'RESTORE_BLOCKED_BY_LATER_RUN',
        `Run ${inTheWay.map((r) => r.run_id).join(', ')} touched ${inTheWay.length === 1 ? 'a table' : 'tables'} of run ${run.run_id} after it (${touched.join(', ')}); restoring would overwrite its changes. Nothing was changed.`,
        `Restore ${inTheWay.length === 1 ? 'that run' : 'those runs'} first (latest first), or pass --force to restore anyway.`,
      );
    }
    const degraded = degradedMode(flags.degraded, io.env);
    if (!degraded.confirmed && !dryRun) {
      throw new GuardRefusal(
        'DEGRADED_MODE_REQUIRED',
        `Restoring run ${run.run_id} rewrites rows and takes strong locks on ${touched.join(', ')}, and degraded mode is ${degraded.how}; nothing was changed.`,
        'Put the application in degraded mode, then pass --degraded (or set DEGRADED_MODE=1, or SCHEMA_DOCTOR_DEGRADED_CHECK to a command that exits 0).',
      );
    }

    const columnsNow: Record<string, string[]> = {};
    for (const t of new Set(archive.map((g) => g.table_name))) {
      const [schema, name] = splitQualified(t);
      const where = pruned.includes(t) ? ['schema_doctor', archivedTableName(name, run.run_id)] : [schema, name];
      const { rows } = await client.query<{ attname: string }>(
        `SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum`,
        where,
      );
      if (rows.length > 0) columnsNow[t] = rows.map((r) => r.attname);
    }
    let plan: RestorePlan;
    try {
      plan = planRestore({ run, archive, columnsNow, dropped });
    } catch (e) {
      if (e instanceof RestoreUnsupported)
        throw new UsageError('RESTORE_UNSUPPORTED', `Run ${run.run_id} cannot be restored: ${e.message}.`, 'Restore by hand with the SQL recipes of docs/restore.md.');
      throw e;
    }

    io.stdout.write(`Restore of run ${run.run_id} (${run.outcome}, ${run.started_at}) on ${connection.display}:\n${plan.actions.map((a) => `  ${a.id}  ${a.summary}`).join('\n')}\n`);
    if (inTheWay.length > 0) io.stdout.write(`--force: later run(s) ${inTheWay.map((r) => r.run_id).join(', ')} touched the same tables; their changes to them are overwritten.\n`);
    if (!dryRun && !flags.yes && !(await confirm(`Restore run ${run.run_id}? [y/N] `))) {
      io.stderr.write('Nothing was changed.\n');
      return ExitCode.GUARD_REFUSED;
    }

    const runId = `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
    const started = new Date();
    const results: { id: string; summary: string; status: string; rows?: number; ms?: number; error?: string; table: string }[] = [];
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL search_path = pg_catalog; SET LOCAL lock_timeout = ${Math.round(lockTimeoutMs)}; SET LOCAL statement_timeout = ${Math.round(statementTimeoutMs)};`);
      await client.query(`SELECT set_config('schema_doctor.run_id', $1, true)`, [runId]);
      await client.query(BOOKKEEPING_DDL);
      await client.query(RUNS_UPGRADE_DDL);
      for (const a of plan.actions) await runAction(client, a, results);
      const mismatched = await verifyCounts(client, run, plan.tables);
      for (const r of results) io.stdout.write(`${dryRun ? 'rehearsed' : 'restored '}  ${r.id}  ${r.summary}${r.rows ? ` (${r.rows} rows)` : ''}\n`);
      if (mismatched.length > 0 && !flags.force) {
        throw new RestoreFailed(
          `Verification failed: ${mismatched.join('; ')}. Rolled back: nothing was changed.`,
          'Rows were added or removed since the run; look at the tables (and schema-doctor history), then restore by hand or pass --force.',
        );
      }
      if (mismatched.length > 0) io.stdout.write(`--force: row counts differ from those before the run: ${mismatched.join('; ')}.\n`);
      const rows = results.reduce((n, r) => n + (r.rows ?? 0), 0);
      await client.query(
        `INSERT INTO schema_doctor.runs (run_id, started_at, finished_at, operator, host, plan_hash, steps, rows_affected, outcome, detail, tables, restores)
         VALUES ($1, $2, now(), $3, $4, $5, $6, $7, 'restored', $8, $9, $10)`,
        [runId, started, userInfo().username, hostname(), run.plan_hash ?? '', JSON.stringify(results), rows, `restore of run ${run.run_id}`, JSON.stringify(plan.tables), run.run_id],
      );
      await client.query('UPDATE schema_doctor.runs SET restored_by = $1 WHERE run_id = $2', [runId, run.run_id]);
      if (dryRun) {
        await client.query('ROLLBACK');
        io.stdout.write(`Rehearsal: run ${run.run_id} would be restored and the row counts match those before it. Rolled back: nothing was changed.\n`);
        return ExitCode.OK;
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (err instanceof SchemaDoctorError) throw err;
      const e = err as { message?: string; code?: string };
      const failed = results.find((r) => r.status === 'failed');
      throw new RestoreFailed(
        `${dryRun ? 'Rehearsal: ' : ''}restore of run ${run.run_id} failed${failed ? ` at step ${failed.id} (${failed.summary})` : ''}: ${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}. Rolled back: nothing was changed.`,
        e.code === '55P03' ? 'Retry when the sessions holding locks are done, or raise --lock-timeout.' : 'Fix the cause (docs/restore.md), then run restore again.',
      );
    }
    if (plan.notRecreated.length > 0) {
      io.stdout.write(`Not re-created (by hand, docs/restore.md#dropped-objects): ${plan.notRecreated.map((d) => `${d.object_type} ${d.object}`).join(', ')}.\n`);
    }
    io.stdout.write(`Restored and verified run ${run.run_id} (run ${runId}).\n`);
    return ExitCode.OK;
  } finally {
    await release?.();
    await client.end().catch(() => undefined);
  }
}

async function runAction(client: pg.Client, a: RestoreAction, results: { id: string; summary: string; status: string; rows?: number; ms?: number; table: string }[]): Promise<void> {
  const r: { id: string; summary: string; status: string; rows?: number; ms?: number; table: string } = { id: a.id, summary: a.summary, status: 'failed', table: a.table };
  results.push(r);
  const t0 = performance.now();
  const res = await client.query(a.sql);
  const all = Array.isArray(res) ? res : [res];
  r.rows = all.reduce((n: number, x: pg.QueryResult) => n + (x.command === 'INSERT' || x.command === 'UPDATE' ? (x.rowCount ?? 0) : 0), 0);
  r.status = 'applied';
  r.ms = Math.round(performance.now() - t0);
}

/** Tables whose row count differs from the one recorded before the run. */
async function verifyCounts(client: pg.Client, run: RunRecord, tables: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    const want = run.before_state?.[t]?.rows;
    if (want === undefined) continue;
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`);
    if (Number(rows[0]!.n) !== want) out.push(`${t} has ${rows[0]!.n} rows, ${want} before run ${run.run_id}`);
  }
  return out;
}

function ttyConfirm(io: Io): (q: string) => Promise<boolean> {
  return async (q) => {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: io.stderr as NodeJS.WritableStream });
    try {
      return /^y(es)?$/i.test((await rl.question(q)).trim());
    } finally {
      rl.close();
    }
  };
}
