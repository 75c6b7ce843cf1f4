import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { connect } from '../db/connect.js';
import { loadPolicies, validatePolicies, type Policies } from '../plan/policies.js';
import { CHOOSE_MARKER, combineSuggestions, mergeSuggestions } from '../plan/suggest-policies.js';
import { analyse, loadExpectedFor, type AnalyseFlags } from './analyse.js';
import { buildPlan, type PlanFlags } from './build-plan.js';
import { connectionInput, type ConnectionFlags } from './common.js';
import { parseDuration } from './duration.js';
import type { Io } from './io.js';

export interface PoliciesFlags extends ConnectionFlags, AnalyseFlags, PlanFlags {
  suggest?: boolean;
  policies?: string;
  out?: string;
  probeTimeout?: string;
}

/**
 * `policies --suggest`: the policies plan would need, drafted for every blocker that has none (src/plan/suggest-policies.ts),
 * merged into what the operator already wrote (the --out file when it exists, else --policies, else policies.json
 * next to the manifest): their entries are kept as they are, only missing tables and blockers are added. The draft
 * goes to stdout, or to --out. It is a suggestion: nothing runs until the operator saves it as the policies file.
 */
export async function policiesCommand(flags: PoliciesFlags, io: Io): Promise<number> {
  if (!flags.suggest) {
    throw new UsageError('BAD_OPTION', 'policies needs --suggest.', 'Run schema-doctor policies --suggest [--out FILE] to draft the policies the blocking data needs.');
  }
  const loaded = await loadExpectedFor(flags, io.env);
  const defaultFile = join(loaded.expected.configDir, 'policies.json');
  const base = flags.out !== undefined && existsSync(flags.out) ? flags.out : flags.policies;
  const { policies, source } = loadPolicies(base, defaultFile);
  const { client, connection } = await connect(connectionInput(flags, io));
  let suggested: Policies = {};
  try {
    const a = await analyse(client, connection, loaded, flags, io, parseDuration(flags.probeTimeout ?? '30s', '--probe-timeout'));
    const plan = await buildPlan(client, a.findings, a.expectedModel, a.actual, policies, flags);
    suggested = combineSuggestions(plan.refused.flatMap((r) => (r.suggestion ? [r.suggestion] : [])));
  } finally {
    await client.end().catch(() => undefined);
  }
  const { merged, added } = mergeSuggestions(policies, suggested);
  validatePolicies('(suggested policies)', merged); // what we print must load
  const text = JSON.stringify(merged, null, 2) + '\n';
  if (flags.out !== undefined) {
    try {
      writeFileSync(flags.out, text);
    } catch (err) {
      throw new UsageError('OUT_UNWRITABLE', `Cannot write ${flags.out}: ${(err as Error).message}.`, 'Choose a writable path for --out.');
    }
  } else {
    io.stdout.write(text);
  }
  const from = source !== undefined ? ` to the policies of ${source} (kept as they were)` : '';
  if (added.length === 0) io.stderr.write(`Nothing to add${from}: no blocking data lacks a policy.\n`);
  else io.stderr.write(`Suggested ${added.length} polic${added.length === 1 ? 'y' : 'ies'}, added${from}:\n${added.map((a) => `  ${a}\n`).join('')}`);
  if (added.some((a) => a.includes('(to choose)'))) io.stderr.write(`Replace every ${CHOOSE_MARKER} placeholder with the value to fill in, or the repair fails and is rolled back.\n`);
  io.stderr.write(
    `This is a suggestion: review it${flags.out !== undefined ? ` in ${flags.out}` : ''}; nothing runs until it is saved as the policies file and plan or apply reads it (docs/policies.md#suggested-policies).\n`,
  );
  return ExitCode.OK;
}
