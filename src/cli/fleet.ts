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
import { connect } from '../db/connect.js';
import type { ConnectionInput } from '../db/connection.js';
import { globToRegex } from '../catalog/introspect.js';
import { connectionInput } from './common.js';
import { chalkStyle, diagnoseTarget, type DiagnoseFlags, type DiagnoseOptions } from './diagnose-target.js';
import type { Io } from './io.js';
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
    throw new UsageError(
      'TARGETS_UNREADABLE',
      `Cannot read the targets file ${path}: ${(err as Error).message}.`,
      'Give --targets a file with one target per line (NAME URL, or URL), or - for standard input.',
    );
  }
  return parseTargets(text, path);
}

/** The schemas of the database matching the glob, sorted (system schemas never). */
async function listSchemas(input: ConnectionInput, glob: string): Promise<string[]> {
  const { client } = await connect(input);
  try {
    const rows = (await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY nspname`)).rows;
    const re = new RegExp(globToRegex(glob));
    return rows.map((r) => r.name).filter((n) => re.test(n));
  } finally {
    await client.end().catch(() => undefined);
  }
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
  if (flags.tenantSchemas !== undefined && flags.targets !== undefined) {
    throw new UsageError('BAD_OPTION', '--tenant-schemas and --targets cannot be combined.', 'Compare the tenant schemas of one database (--url), or a fleet of databases (--targets).');
  }
  if (flags.targets === undefined && flags.tenantSchemas === undefined) {
    throw new UsageError('BAD_OPTION', '--shard and --concurrency need --targets or --tenant-schemas.', 'Give the fleet with --targets FILE (or - for standard input).');
  }
  if (flags.url !== undefined && flags.targets !== undefined) {
    throw new UsageError('BAD_OPTION', '--url and --targets cannot be combined.', 'Put every database in the targets file, one NAME URL per line.');
  }
  const concurrency = parseConcurrency(flags.concurrency);
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  // Checked before anything connects: a bad timeout fails the run, not every target.
  const single = connectionInput(flags, io);
  const loaded = await loadExpectedFor(flags, io.env);
  let tenantOf: ((schema: string) => { loaded: typeof loaded; flags: DiagnoseFlags }) | undefined;
  let all: (Target & { schema?: string })[];
  if (flags.tenantSchemas !== undefined) {
    const schemas = Object.keys(loaded.expectedModel.schemas);
    if (schemas.length !== 1) {
      throw new UsageError(
        'BAD_OPTION',
        `--tenant-schemas needs an expected schema of exactly one schema; ${loaded.expected.description} has ${schemas.length} (${schemas.join(', ') || 'none'}).`,
        'Snapshot the template tenant alone (snapshot --schema NAME), or pick it with --schema NAME.',
      );
    }
    const template = schemas[0]!;
    const { renameSchema } = await import('../model/rename-schema.js');
    all = (await listSchemas(single, flags.tenantSchemas)).map((schema) => ({ name: schema, url: '', schema }));
    if (all.length === 0) io.stderr.write(redact(`warning: no schema of the database matches --tenant-schemas "${flags.tenantSchemas}".\n`));
    tenantOf = (schema) => ({ loaded: { expected: loaded.expected, expectedModel: renameSchema(loaded.expectedModel, template, schema) }, flags: { ...flags, schema: [schema] } });
  } else {
    all = await readTargets(flags.targets!);
  }
  const targets = shard ? inShard(all, shard) : all;
  // Several targets at once: no spinner (it would interleave).
  const quiet: Io = { ...io, env: { ...io.env, TERM: 'dumb' } };
  const locations: Record<string, Locations> = {};
  let manifestPath: string | undefined;
  const results = await pool(targets, concurrency, async (t): Promise<FleetTarget> => {
    try {
      const tenant = t.schema !== undefined ? tenantOf!(t.schema) : undefined;
      const input = tenant ? single : connectionInput({ ...flags, url: t.url }, io);
      const d = await diagnoseTarget(input, tenant?.loaded ?? loaded, tenant?.flags ?? flags, quiet, { ...options, database: t.name });
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
