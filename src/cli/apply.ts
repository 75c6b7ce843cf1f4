import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { ExitCode, SchemaDoctorError, UsageError } from '../errors.js';
import { connect } from '../db/connect.js';
import { loadPolicies } from '../plan/policies.js';
import { renderPlanText } from '../plan/render-plan.js';
import type { RepairPlan } from '../plan/types.js';
import { executePlan, type BlockedByData, type ExecuteResult } from '../apply/execute.js';
import { acquireApplyLock, degradedMode, GuardRefusal, requirePrimary } from '../apply/guards.js';
import { introspect } from '../catalog/introspect.js';
import { addedObjects, captureTables, type TablesState } from '../runs/capture.js';
import { diffSchemas } from '../diff/diff-schemas.js';
import { isBookkeeping } from '../diff/bookkeeping.js';
import { analyse, loadExpectedFor, type AnalyseFlags } from './analyse.js';
import { buildPlan, fingerprintOf, type PlanFlags } from './build-plan.js';
import { connectionInput, type ConnectionFlags } from './common.js';
import { parseDuration } from './duration.js';
import type { Io } from './io.js';
import { appendStepSummary } from './step-summary.js';
import { renderApplySummary } from '../report/render-summary.js';

export interface ApplyFlags extends ConnectionFlags, AnalyseFlags, PlanFlags {
  policies?: string;
  plan?: string;
  dryRun?: boolean;
  yes?: boolean;
  degraded?: boolean;
  onlySafe?: boolean;
  lockTimeout?: string;
  statementTimeout?: string;
  probeTimeout?: string;
  summary?: boolean;
}

/** What the run got to, for the step summary. */
interface ApplyState {
  database?: string;
  plan?: RepairPlan;
  result?: ExecuteResult;
  runId?: string;
  outcome?: string;
}

class ApplyFailed extends SchemaDoctorError {
  constructor(message: string, hint: string) {
    super('APPLY_FAILED', message, hint, ExitCode.APPLY_FAILED);
  }
}

export async function applyCommand(flags: ApplyFlags, io: Io, confirm: (q: string) => Promise<boolean> = ttyConfirm(io)): Promise<number> {
  const state: ApplyState = {};
  try {
    const code = await applyRun(flags, io, confirm, state);
    summarise(io, flags, state);
    return code;
  } catch (err) {
    // Only once connected: before that, nothing about the database is known and the error says it all.
    if (state.database !== undefined) summarise(io, flags, state, err);
    throw err;
  }
}

function summarise(io: Io, flags: ApplyFlags, state: ApplyState, err?: unknown): void {
  appendStepSummary(io, flags, () => {
    const e = err instanceof SchemaDoctorError ? { code: err.code, message: err.message } : err !== undefined ? { code: 'INTERNAL', message: (err as Error)?.message ?? String(err) } : undefined;
    const outcome = e ? (err instanceof SchemaDoctorError && err.exitCode === ExitCode.GUARD_REFUSED ? 'refused' : 'failed') : (state.outcome ?? 'done');
    const r = state.result;
    const committed = !r || flags.dryRun ? [] : r.committed ? r.results.filter((x) => x.status === 'applied').map((x) => x.id) : r.committedBeforeFailure;
    return renderApplySummary(state.plan, r?.results, {
      database: state.database ?? '',
      dryRun: !!flags.dryRun,
      outcome,
      ...(e && { error: e }),
      ...(state.runId && { runId: state.runId }),
      committed,
    });
  });
}

async function applyRun(flags: ApplyFlags, io: Io, confirm: (q: string) => Promise<boolean>, state: ApplyState): Promise<number> {
  const lockTimeoutMs = parseDuration(flags.lockTimeout ?? '5s', '--lock-timeout');
  const statementTimeoutMs = parseDuration(flags.statementTimeout ?? '5min', '--statement-timeout');
  const probeTimeoutMs = parseDuration(flags.probeTimeout ?? '30s', '--probe-timeout');
  const dryRun = !!flags.dryRun;
  if (!dryRun && !flags.yes && !(process.stdin.isTTY && io.stdout.isTTY)) {
    throw new UsageError(
      'CONFIRMATION_NEEDED',
      'apply needs confirmation, and there is no terminal to ask on.',
      'Review the plan (schema-doctor plan), then run apply --yes; or rehearse with apply --dry-run.',
    );
  }
  const loaded = await loadExpectedFor(flags, io.env);
  const { policies } = loadPolicies(flags.policies, join(loaded.expected.configDir, 'policies.json'));
  const { client, connection } = await connect(connectionInput(flags, io));
  state.database = connection.display;
  let release: (() => Promise<void>) | undefined;
  try {
    await requirePrimary(client);
    release = await acquireApplyLock(client);
    const a = await analyse(client, connection, loaded, flags, io, probeTimeoutMs);
    if (flags.plan !== undefined) checkFreshPlan(flags.plan, fingerprintOf(a.actual));
    let plan = await buildPlan(client, a.findings, a.expectedModel, a.actual, policies, flags);
    state.plan = plan;

    if (plan.refused.length > 0 && !flags.onlySafe) {
      io.stderr.write(renderPlanText({ ...plan, steps: [] }));
      throw new GuardRefusal(
        'BLOCKED_BY_DATA',
        `${plan.refused.length} finding(s) cannot be repaired as things stand; nothing was changed.`,
        'Write a policy for the blocking data (docs/policies.md), allow the hazard, or run with --only-safe to apply the steps that need neither.',
      );
    }
    const needDegraded = plan.steps.filter((s) => s.needsDegraded);
    // The check command runs only when some step needs degraded mode, or may (a re-check applies its policy to rows
    // that appeared after the probe only in degraded mode; otherwise it stops the run, changing nothing).
    const mayNeed = needDegraded.length > 0 || plan.steps.some((s) => s.recheck);
    const degraded = mayNeed && !flags.onlySafe ? degradedMode(flags.degraded, io.env) : { confirmed: !!flags.degraded, how: 'not needed' };
    if (flags.onlySafe) plan = onlySafe(plan);
    else if (needDegraded.length > 0 && !degraded.confirmed && !dryRun) {
      io.stderr.write(`Steps that need degraded mode:\n${needDegraded.map((s) => `  ${s.id}  ${s.summary}`).join('\n')}\n`);
      throw new GuardRefusal(
        'DEGRADED_MODE_REQUIRED',
        `${needDegraded.length} step(s) change rows or hold a strong lock on a busy table, and degraded mode is ${degraded.how}; nothing was changed.`,
        'Put the application in degraded mode, then pass --degraded (or set DEGRADED_MODE=1, or SCHEMA_DOCTOR_DEGRADED_CHECK to a command that exits 0). --only-safe applies the other steps.',
      );
    }
    io.stdout.write(renderPlanText(plan));
    state.plan = plan;
    if (plan.steps.length === 0) {
      state.outcome = 'nothing to do';
      return ExitCode.OK;
    }
    if (!dryRun && !flags.yes && !(await confirm(`Apply ${plan.steps.length} step(s) to ${connection.display}? [y/N] `))) {
      io.stderr.write('Nothing was changed.\n');
      state.outcome = 'declined';
      return ExitCode.GUARD_REFUSED;
    }

    const runId = `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
    const started = new Date();
    state.runId = runId;
    // What restore needs: the touched tables as they were (row counts, keys, columns, constraints).
    const touched = [...new Set(plan.steps.flatMap((s) => (s.table !== undefined ? [s.table] : [])))].sort();
    const beforeState = dryRun ? {} : await captureTables(client, touched);
    let remaining: string[] = [];
    const result = await executePlan(client, plan, {
      runId,
      lockTimeoutMs,
      statementTimeoutMs,
      dryRun,
      // A rehearsal shows what the policies would do; the real run needs the confirmation.
      degraded: dryRun || degraded.confirmed,
      beforeRollback: async () => {
        const after = await introspect(client, { schemas: flags.schema ?? [], inTransaction: true, extensionVersions: true });
        remaining = diffSchemas(a.expectedModel, after)
          .filter((f) => !isBookkeeping(f, after))
          .filter((f) => a.findings.some((x) => x.id === f.id))
          .map((f) => f.id);
      },
    });
    state.result = result;
    printResults(io, result, dryRun);
    if (dryRun) {
      if (result.failed?.blockedByData) {
        const b = result.failed.blockedByData;
        throw new GuardRefusal('BLOCKED_BY_DATA', `Rehearsal: step ${result.failed.step} is ${blockedText(b, result.failed.error)} Rolled back: nothing was changed.`, blockedHint(b));
      }
      if (result.failed) throw new ApplyFailed(`Rehearsal failed at step ${result.failed.step}: ${result.failed.error}. Rolled back: nothing was changed.`, 'Fix the cause and rehearse again.');
      // Steps that use a new enum value cannot run before it is committed: the rehearsal could not show their effect.
      const unrehearsed = new Set(result.results.filter((r) => r.status === 'skipped' && r.error?.startsWith('not rehearsed')).flatMap((r) => plan.steps.find((s) => s.id === r.id)?.findingIds ?? []));
      const left = remaining.filter((id) => !unrehearsed.has(id));
      if (unrehearsed.size > 0) io.stdout.write(`Not rehearsed (they use an enum value the real run commits first): ${[...unrehearsed].join(', ')}.\n`);
      io.stdout.write(
        left.length === 0
          ? 'Rehearsal: every repaired finding would be gone. Rolled back: nothing was changed.\n'
          : `Rehearsal: ${left.length} finding(s) would remain: ${left.join(', ')}. Rolled back: nothing was changed.\n`,
      );
      const stillNeeded = plan.steps.filter((s) => s.needsDegraded);
      if (stillNeeded.length > 0 && !degraded.confirmed) io.stdout.write(`The real run needs degraded mode for steps ${stillNeeded.map((s) => s.id).join(', ')}.\n`);
      state.outcome = 'rehearsed';
      return ExitCode.OK;
    }
    if (result.failed) {
      await recordRun(client, runId, started, plan, result, 'failed', result.failed.error, touched, beforeState);
      const partial =
        result.committedBeforeFailure.length > 0
          ? ` Steps ${result.committedBeforeFailure.join(', ')} had been committed in earlier transactions; the rest was rolled back. A re-run continues from there.`
          : ' Everything was rolled back: nothing was changed.';
      if (result.failed.blockedByData) {
        const b = result.failed.blockedByData;
        throw new GuardRefusal('BLOCKED_BY_DATA', `Step ${result.failed.step} is ${blockedText(b, result.failed.error)}${partial}`, blockedHint(b));
      }
      throw new ApplyFailed(
        `Step ${result.failed.step} failed: ${result.failed.error}${result.failed.sqlstate ? ` (SQLSTATE ${result.failed.sqlstate})` : ''}.${result.failed.blocker ? ` Sessions holding locks: ${result.failed.blocker}.` : ''}${partial}`,
        result.failed.sqlstate === '55P03' ? 'Retry when the blocking sessions are done, or raise --lock-timeout.' : 'Fix the cause, then run apply again (it is idempotent).',
      );
    }
    // Verify: re-read the catalog; every finding a step repaired must be gone, and no new one may have appeared
    // (a repair that turned one difference into another is not a repair). Objects of kinds that are not compared
    // (unmodeled_objects) are never a repair's doing: apply leaves them and reports them in the plan.
    const after = await introspect(client, { schemas: flags.schema ?? [], extensionVersions: true });
    const repaired = new Set(plan.steps.flatMap((s) => s.findingIds));
    const before = new Set(a.findings.map((f) => f.id));
    const left = diffSchemas(a.expectedModel, after)
      .filter((f) => !isBookkeeping(f, after) && f.kind !== 'unmodeled_objects')
      .filter((f) => repaired.has(f.id) || (!before.has(f.id) && !a.ignoredIds.has(f.id)));
    await recordRun(client, runId, started, plan, result, left.length === 0 ? 'applied' : 'verification_failed', left.map((f) => f.id).join(', '), touched, beforeState);
    if (left.length > 0) {
      throw new ApplyFailed(
        `Applied, but verification found ${left.length} finding(s) still present: ${left.map((f) => f.id).join(', ')}.`,
        'Run diagnose to see them; the run is recorded in schema_doctor.runs.',
      );
    }
    io.stdout.write(`Applied and verified (run ${runId}).\n`);
    state.outcome = 'applied and verified';
    return ExitCode.OK;
  } finally {
    await release?.();
    await client.end().catch(() => undefined);
  }
}

/** Rows that block a repair and that the probe did not see: which, where, and the server's words. */
function blockedText(b: BlockedByData, error: string): string {
  const when = b.probe === 'unknown' ? `that the probe could not count${b.reason ? ` (${b.reason})` : ''}` : 'that appeared after the probe (it found none)';
  const server = b.needsDegraded ? error.replace(/^schema-doctor: /, '') : `${error}${b.detail ? ` (${b.detail.replace(/\.$/, '')})` : ''}`;
  return `blocked by data ${when}: rows of ${b.table} block the ${b.target}: ${server}.`;
}

function blockedHint(b: BlockedByData): string {
  if (b.needsDegraded) return 'Put the application in degraded mode and pass --degraded (or DEGRADED_MODE=1), so that the policy may handle them; or correct those rows by hand. Then apply again.';
  if (b.kind === 'check_violations' || b.kind === 'exclusion_conflicts') return 'Correct or remove those rows by hand (no policy can), then apply again; diagnose shows them.';
  return 'Run diagnose to see them; correct them by hand or write a policy for them (docs/policies.md; with one, apply handles what it finds under its lock), then apply again.';
}

/** Without degraded mode: leave out every finding that has a step needing it (half a repair would only fail). */
function onlySafe(plan: RepairPlan): RepairPlan {
  const unsafe = new Set(plan.steps.filter((s) => s.needsDegraded).flatMap((s) => s.findingIds));
  return { ...plan, steps: plan.steps.filter((s) => !s.findingIds.some((id) => unsafe.has(id))) };
}

function checkFreshPlan(file: string, fingerprint: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError('PLAN_UNREADABLE', `Plan file ${file} cannot be read.`, 'Pass a file written by schema-doctor plan --out.');
  }
  const m = /^-- schema-fingerprint: ([0-9a-f]{64})$/m.exec(text);
  if (!m) throw new UsageError('PLAN_INVALID', `${file} is not a schema-doctor plan (no schema-fingerprint line).`, 'Write it with schema-doctor plan --out FILE.sql.');
  if (m[1] !== fingerprint) {
    throw new GuardRefusal('STALE_PLAN', `The schema changed since ${file} was made; the plan may no longer fit.`, 'Make a new plan (schema-doctor plan --out) and review it.');
  }
}

function printResults(io: Io, r: ExecuteResult, dryRun: boolean): void {
  for (const s of r.results) {
    const extra = [s.rows ? `${s.rows} rows` : '', s.ms !== undefined ? `${s.ms} ms` : '', s.error ?? ''].filter((x) => x !== '').join(', ');
    io.stdout.write(`${dryRun ? 'rehearsed' : s.status.padEnd(12)} ${s.id}  ${s.summary}${extra ? ` (${extra})` : ''}${dryRun ? ` [${s.status}]` : ''}\n`);
  }
}

async function recordRun(client: pg.Client, runId: string, started: Date, plan: RepairPlan, r: ExecuteResult, outcome: string, detail: string, touched: string[], before: TablesState): Promise<void> {
  try {
    const { BOOKKEEPING_DDL, RUNS_UPGRADE_DDL } = await import('../plan/bookkeeping-ddl.js');
    await client.query(BOOKKEEPING_DDL);
    await client.query(RUNS_UPGRADE_DDL);
    const rows = r.results.reduce((n, s) => n + (s.rows ?? 0), 0);
    const added = addedObjects(before, await captureTables(client, Object.keys(before)));
    const steps = r.results.map((s) => ({ ...s, ...(plan.steps.find((p) => p.id === s.id)?.table !== undefined && { table: plan.steps.find((p) => p.id === s.id)!.table }) }));
    await client.query(
      `INSERT INTO schema_doctor.runs (run_id, started_at, finished_at, operator, host, plan_hash, steps, rows_affected, outcome, detail, tables, before_state, added_objects)
       VALUES ($1, $2, now(), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        runId,
        started,
        `${userInfo().username}`,
        hostname(),
        plan.fingerprint,
        JSON.stringify(steps),
        rows,
        outcome,
        detail || null,
        JSON.stringify(touched),
        JSON.stringify(before),
        JSON.stringify(added),
      ],
    );
  } catch {
    /* the history is best effort: the outcome is already in the report */
  }
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
