/**
 * `diagnose --targets FILE`: the single-target diagnosis (`diagnoseTarget`) over a fleet, a bounded number at a
 * time, each target with its own connection and the usual connect and probe timeouts. A target that cannot be
 * checked is reported with its error and the others still run (docs/fleet.md).
 */
import { readFileSync } from 'node:fs';
import { ExitCode, SchemaDoctorError, UsageError } from '../errors.js';
import { redact } from '../db/redact.js';
import { inShard, parseShard, parseTargets, type Target } from '../fleet/targets.js';
import { buildFleetReport, fleetExitCode, renderFleetReport, targetStatus, type FleetTarget } from '../report/fleet.js';
import type { Locations } from '../report/render.js';
import { loadExpectedFor } from './analyse.js';
import { connectionInput } from './common.js';
import { chalkStyle, diagnoseTarget, type DiagnoseFlags, type DiagnoseOptions } from './diagnose.js';
import type { Io } from './main.js';
import { colourOn } from './spinner.js';
import { appendStepSummary } from './step-summary.js';

export async function readTargets(path: string): Promise<Target[]> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return parseTargets(Buffer.concat(chunks).toString('utf8'), 'standard input');
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError('TARGETS_UNREADABLE', `Cannot read the targets file ${path}: ${(err as Error).message}.`,
      'Give --targets a file with one target per line (NAME URL, or URL), or - for standard input.');
  }
  return parseTargets(text, path);
}

export function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return 4;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError('BAD_OPTION', `--concurrency must be a positive whole number, got "${text}".`, 'For example --concurrency 4 (the default).');
  }
  return n;
}

/** Runs `work` over `items`, at most `limit` at a time; results in the order of `items`. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function targetError(err: unknown): { code: string; message: string } {
  if (err instanceof SchemaDoctorError) return { code: err.code, message: redact(err.message) };
  const e = err as Error & { code?: unknown };
  if (typeof e?.code === 'string' && (/^[0-9A-Z]{5}$/.test(e.code) || /^E[A-Z]+$/.test(e.code))) {
    return { code: 'DATABASE_ERROR', message: redact(`the database connection failed or refused a statement: ${e.message}`) };
  }
  return { code: 'INTERNAL', message: redact(e?.message ?? String(err)) };
}

export async function fleetCommand(flags: DiagnoseFlags, io: Io, options: DiagnoseOptions): Promise<number> {
  if (flags.targets === undefined) {
    throw new UsageError('BAD_OPTION', '--shard and --concurrency need --targets.', 'Give the fleet with --targets FILE (or - for standard input).');
  }
  if (flags.url !== undefined) {
    throw new UsageError('BAD_OPTION', '--url and --targets cannot be combined.', 'Put every database in the targets file, one NAME URL per line.');
  }
  const concurrency = parseConcurrency(flags.concurrency);
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  // Checked before anything connects: a bad timeout fails the run, not every target.
  connectionInput(flags, io);
  const all = await readTargets(flags.targets);
  const targets = shard ? inShard(all, shard) : all;
  const loaded = await loadExpectedFor(flags, io.env);
  // Several targets at once: no spinner (it would interleave).
  const quiet: Io = { ...io, env: { ...io.env, TERM: 'dumb' } };
  const locations: Record<string, Locations> = {};
  let manifestPath: string | undefined;
  const results = await pool(targets, concurrency, async (t): Promise<FleetTarget> => {
    try {
      const input = connectionInput({ ...flags, url: t.url }, io);
      const d = await diagnoseTarget(input, loaded, flags, quiet, { ...options, database: t.name });
      if (d.locations) locations[t.name] = d.locations;
      manifestPath ??= d.manifestPath;
      return { name: t.name, status: targetStatus(d.report), report: d.report };
    } catch (err) {
      return { name: t.name, status: 'error', error: targetError(err) };
    }
  });
  const fleet = buildFleetReport(results, options.failOn, shard && `${shard.index}/${shard.count}`);
  const style = options.format === 'table' && colourOn(io) ? await chalkStyle() : undefined;
  io.stdout.write(redact(renderFleetReport(fleet, options.format, { ...(style && { style }), ...(manifestPath && { manifestPath }), locations })));
  appendStepSummary(io, flags, () => renderFleetReport(fleet, 'markdown'));
  const code = fleetExitCode(fleet);
  return code === 6 ? ExitCode.DATABASE : code === 2 ? ExitCode.DRIFT : ExitCode.OK;
}
