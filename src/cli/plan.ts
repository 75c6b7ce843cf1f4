import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { connect } from '../db/connect.js';
import { loadPolicies } from '../plan/policies.js';
import { renderPlanSql } from '../plan/render-sql.js';
import { renderPlanText } from '../plan/render-plan.js';
import { analyse, loadExpectedFor, type AnalyseFlags } from './analyse.js';
import { buildPlan, type PlanFlags } from './build-plan.js';
import { connectionInput, type ConnectionFlags } from './common.js';
import { parseDuration } from './duration.js';
import type { Io } from './io.js';
import { appendStepSummary } from './step-summary.js';
import { renderPlanSummary } from '../report/render-summary.js';

export interface PlanCommandFlags extends ConnectionFlags, AnalyseFlags, PlanFlags {
  policies?: string;
  out?: string;
  format?: string;
  lockTimeout?: string;
  statementTimeout?: string;
  probeTimeout?: string;
  summary?: boolean;
}

export async function planCommand(flags: PlanCommandFlags, io: Io): Promise<number> {
  const lockTimeoutMs = parseDuration(flags.lockTimeout ?? '5s', '--lock-timeout');
  const statementTimeoutMs = parseDuration(flags.statementTimeout ?? '5min', '--statement-timeout');
  if (flags.format !== undefined && !['text', 'json', 'sql'].includes(flags.format)) {
    throw new UsageError('BAD_OPTION', `--format "${flags.format}" is not one of text, json, sql.`, 'Use --out FILE.sql for a psql script.');
  }
  const loaded = await loadExpectedFor(flags, io.env);
  const { policies } = loadPolicies(flags.policies, join(loaded.expected.configDir, 'policies.json'));
  const { client, connection } = await connect(connectionInput(flags, io));
  try {
    const a = await analyse(client, connection, loaded, flags, io, parseDuration(flags.probeTimeout ?? '30s', '--probe-timeout'));
    const plan = await buildPlan(client, a.findings, a.expectedModel, a.actual, policies, flags);
    const sql = renderPlanSql(plan, { database: connection.display, lockTimeoutMs, statementTimeoutMs });
    if (flags.out) {
      try {
        writeFileSync(flags.out, sql);
      } catch (err) {
        throw new UsageError('OUT_UNWRITABLE', `Cannot write ${flags.out}: ${(err as Error).message}.`, 'Choose a writable path for --out.');
      }
      io.stderr.write(`wrote ${flags.out}: ${plan.steps.length} steps, ${plan.refused.length} refused, ${plan.skipped.length} left alone\n`);
    }
    if (flags.format === 'json') io.stdout.write(JSON.stringify(plan, null, 2) + '\n');
    else if (flags.format === 'sql') io.stdout.write(sql);
    else io.stdout.write(renderPlanText(plan));
    appendStepSummary(io, flags, () => renderPlanSummary(plan, connection.display));
    return plan.refused.length > 0 ? ExitCode.GUARD_REFUSED : plan.steps.length > 0 ? ExitCode.DRIFT : ExitCode.OK;
  } finally {
    await client.end().catch(() => undefined);
  }
}
