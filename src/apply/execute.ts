import type pg from 'pg';
import type { DataGuard, RepairPlan, RepairStep } from '../plan/types.js';
import type { BlockerKind } from '../diff/finding.js';
import { BOOKKEEPING_DDL } from '../plan/bookkeeping-ddl.js';

export interface StepResult {
  id: string;
  summary: string;
  status: 'applied' | 'skipped' | 'failed' | 'rolled_back' | 'not_executed';
  rows?: number;
  ms?: number;
  error?: string;
}

export interface ExecuteOptions {
  runId: string;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
  /** Rehearse: every step in its transactional form inside one transaction that is rolled back. */
  dryRun: boolean;
  /**
   * Degraded mode is confirmed: a re-check step (`recheck`) may apply its policy to rows that appeared after the
   * probe. Without it, such a step stops the run (SD001) instead. Set as `schema_doctor.degraded` (`on`/`off`).
   */
  degraded: boolean;
  /** Called inside the still-open dry-run transaction, before the rollback. */
  beforeRollback?: () => Promise<void>;
  onStep?: (r: StepResult) => void;
}

export interface ExecuteResult {
  results: StepResult[];
  /** All changes committed (real run) — false after a failure or for a dry run. */
  committed: boolean;
  /** Steps committed before a failure in a later transaction (CONCURRENTLY steps, new enum values). */
  committedBeforeFailure: string[];
  failed?: { step: string; error: string; sqlstate?: string; blocker?: string; blockedByData?: BlockedByData };
}

/** A step stopped by rows that block its repair, which the probe did not see (they appeared since, or it could not count). */
export interface BlockedByData {
  table: string;
  target: string;
  kind?: BlockerKind;
  probe: 'none_found' | 'unknown';
  reason?: string;
  /** The server's DETAIL (`Key (k)=(5) is duplicated.`). */
  detail?: string;
  /** SD001: a re-check found rows, and its policy may change them only in degraded mode. */
  needsDegraded?: true;
}

/**
 * Runs the plan. Consecutive transactional steps share one transaction; a non-transactional (CONCURRENTLY) step
 * commits what came before and runs on its own, and a `commitAfter` step (a new enum value, usable only once
 * committed) commits its transaction. Any failure rolls back the open transaction and marks the rest as not
 * executed; every step is idempotent, so a re-run finishes the job. Each step runs with SET LOCAL lock_timeout /
 * statement_timeout; row counts come from the NOTICEs data steps raise.
 *
 * A dry run is one transaction that is rolled back, so a step that uses a value added by an earlier `commitAfter`
 * step cannot run there (55P04): it is rehearsed inside a savepoint and, when that is the error, reported as
 * skipped rather than failed.
 */
export async function executePlan(client: pg.Client, plan: RepairPlan, opts: ExecuteOptions): Promise<ExecuteResult> {
  const results: StepResult[] = plan.steps.map((s) => ({ id: s.id, summary: s.summary, status: 'not_executed' }));
  let rowsFromNotices = 0;
  const onNotice = (msg: { message?: string }) => {
    const m = /^schema-doctor: rows_affected=(\d+)/.exec(msg.message ?? '');
    if (m) rowsFromNotices += Number(m[1]);
  };
  client.on('notice', onNotice);
  const committedBeforeFailure: string[] = [];
  let inTx = false;
  let pendingInTx: string[] = [];
  const timeouts = `SET LOCAL lock_timeout = ${Math.round(opts.lockTimeoutMs)}; SET LOCAL statement_timeout = ${Math.round(opts.statementTimeoutMs)};`;
  const begin = async () => {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path = pg_catalog; SET LOCAL check_function_bodies = off; ${timeouts}`);
    await client.query(`SELECT set_config('schema_doctor.run_id', $1, true), set_config('schema_doctor.degraded', $2, true)`, [opts.runId, opts.degraded ? 'on' : 'off']);
    inTx = true;
  };
  let afterUncommitted = false;
  try {
    await begin();
    await client.query(BOOKKEEPING_DDL);
    for (const [i, step] of plan.steps.entries()) {
      const r = results[i]!;
      const runInTx = opts.dryRun || step.transactional;
      if (!runInTx && inTx) {
        await client.query('COMMIT');
        inTx = false;
        committedBeforeFailure.push(...pendingInTx);
        pendingInTx = [];
      }
      if (runInTx && !inTx) await begin();
      if (!runInTx) {
        await client.query(`SET search_path = pg_catalog; SET lock_timeout = ${Math.round(opts.lockTimeoutMs)}; SET statement_timeout = ${Math.round(opts.statementTimeoutMs)}`);
        await client.query(`SELECT set_config('schema_doctor.run_id', $1, false), set_config('schema_doctor.degraded', $2, false)`, [opts.runId, opts.degraded ? 'on' : 'off']);
      }
      const started = performance.now();
      rowsFromNotices = 0;
      const guarded = opts.dryRun && afterUncommitted;
      try {
        if (guarded) await client.query('SAVEPOINT sd_step');
        if (step.onlyIf !== undefined && (await client.query(step.onlyIf)).rows.length === 0) {
          r.status = 'skipped';
        } else {
          await client.query(sqlFor(step, opts.dryRun));
          r.status = 'applied';
          r.rows = rowsFromNotices;
        }
        if (guarded) await client.query('RELEASE SAVEPOINT sd_step');
        r.ms = Math.round(performance.now() - started);
        if (runInTx) pendingInTx.push(step.id);
        else committedBeforeFailure.push(step.id);
        opts.onStep?.(r);
        if (step.commitAfter) {
          if (opts.dryRun) afterUncommitted = true;
          else {
            await client.query('COMMIT');
            inTx = false;
            committedBeforeFailure.push(...pendingInTx);
            pendingInTx = [];
          }
        }
      } catch (err) {
        const e = err as { message: string; code?: string; detail?: string };
        if (guarded && e.code === '55P04') {
          await client.query('ROLLBACK TO SAVEPOINT sd_step');
          r.status = 'skipped';
          r.error = 'not rehearsed: it uses an enum value added earlier in this run, which the real run commits first';
          r.ms = Math.round(performance.now() - started);
          opts.onStep?.(r);
          continue;
        }
        r.status = 'failed';
        r.ms = Math.round(performance.now() - started);
        r.error = e.message;
        if (inTx) await client.query('ROLLBACK').catch(() => undefined);
        inTx = false;
        for (const id of pendingInTx) {
          const undone = results.find((x) => x.id === id);
          if (undone) undone.status = 'rolled_back';
        }
        const blocked = blockedByData(step.blockedByData, e);
        return {
          results,
          committed: false,
          committedBeforeFailure,
          failed: { step: step.id, error: e.message, ...(e.code && { sqlstate: e.code }), ...(await blockerOf(client, e, step.table)), ...(blocked && { blockedByData: blocked }) },
        };
      }
    }
    if (opts.dryRun) {
      await opts.beforeRollback?.();
      await client.query('ROLLBACK');
      return { results, committed: false, committedBeforeFailure: [] };
    }
    if (inTx) await client.query('COMMIT');
    return { results, committed: true, committedBeforeFailure: [] };
  } catch (err) {
    if (inTx) await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.removeListener('notice', onNotice);
  }
}

/** Which blocker kinds an integrity error (class 23) is about. */
const KINDS_OF: Record<string, BlockerKind[]> = {
  '23505': ['duplicates'],
  '23503': ['orphans'],
  '23502': ['nulls'],
  // NOT NULL is set through a validated CHECK (col IS NOT NULL) first.
  '23514': ['nulls', 'check_violations'],
  '23P01': ['exclusion_conflicts'],
};

/**
 * A failure on rows the probe found none of (or could not count): SD001 from a re-check that may not apply its
 * policy outside degraded mode, or the repair's own integrity error (class 23) for a blocker it guards.
 */
function blockedByData(guard: DataGuard | undefined, e: { code?: string; detail?: string }): BlockedByData | undefined {
  if (!guard || e.code === undefined) return undefined;
  const base = { table: guard.table, target: guard.target, ...(e.detail && { detail: e.detail }) };
  if (e.code === 'SD001') return { ...base, probe: 'none_found', needsDegraded: true };
  const kinds = KINDS_OF[e.code] ?? [];
  const hit = guard.kinds.find((k) => kinds.includes(k.kind));
  if (!hit) return undefined;
  return { ...base, kind: hit.kind, probe: hit.probe, ...(hit.reason !== undefined && { reason: hit.reason }) };
}

function sqlFor(step: RepairStep, dryRun: boolean): string {
  return dryRun && !step.transactional ? (step.transactionalSql ?? step.sql) : step.sql;
}

/** After a lock timeout, name the sessions holding locks on the step's table (they may have gone since). */
async function blockerOf(client: pg.Client, e: { code?: string }, table: string | undefined): Promise<{ blocker?: string }> {
  if (e.code !== '55P03') return {};
  try {
    const { rows } = await client.query<{ who: string }>(
      `SELECT string_agg(DISTINCT format('pid %s (%s, %s, %s, holding %s: %s)', a.pid, a.usename, coalesce(nullif(a.application_name, ''), 'no application_name'),
                                         a.state, l.mode, left(a.query, 80)), '; ') AS who
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.granted AND a.pid <> pg_backend_pid() AND l.locktype = 'relation' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND ($1::text IS NULL OR l.relation = to_regclass($1))`,
      [table ?? null],
    );
    return rows[0]?.who ? { blocker: rows[0].who } : {};
  } catch {
    return {};
  }
}
