/**
 * One diagnosis: the options every diagnose shares, one target's analysis and report (`diagnoseTarget`), and the
 * `--fail-on` decision. The single `diagnose` (diagnose.ts), every target of a fleet (fleet.ts) and `report merge`
 * use it.
 */
import { UsageError } from '../errors.js';
import type { ConnectionFlags } from './common.js';
import type { Io } from './io.js';
import { parseDuration } from './duration.js';
import { connect } from '../db/connect.js';
import { analyse } from './analyse.js';
import type { DiagnoseReport, MigrationStatus } from '../report/report.js';
import { FORMATS, type Format, type Locations } from '../report/render.js';
import type { ConnectionInput } from '../db/connection.js';
import type { ExpectedSource } from '../manifest/load-expected.js';
import type { SchemaModel } from '../model/types.js';
import { readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isDrift, strictSeverities } from '../diff/findings.js';
import { PACKAGE_VERSION } from '../package-root.js';

export interface DiagnoseFlags extends ConnectionFlags {
  expected?: string;
  migrations?: string;
  format?: string;
  failOn?: string;
  ignore?: string[];
  probeTimeout?: string;
  probes?: boolean;
  strict?: boolean;
  /** `--no-summary`: do not append to $GITHUB_STEP_SUMMARY. */
  summary?: boolean;
  /** `--targets FILE` (or `-`): a fleet, one target per line (docs/fleet.md). */
  targets?: string;
  /** `--concurrency N`: targets checked at once (default 4). */
  concurrency?: string;
  /** `--shard I/N`: only this share of the targets. */
  shard?: string;
  /** `--tenant-schemas GLOB`: every live schema matching GLOB is a target, compared with the one-schema manifest. */
  tenantSchemas?: string;
}

/** When diagnose exits 2: `info` is `drift` plus info findings (a pinned extension version, a stricter database). */
export const FAIL_ON_LEVELS = ['drift', 'info', 'error', 'blockers', 'never'];

export interface DiagnoseOptions {
  format: Format;
  failOn: string;
  probeTimeoutMs: number;
}

/** The options every diagnose shares, checked before anything connects. */
export function diagnoseOptions(flags: DiagnoseFlags): DiagnoseOptions {
  const format = flags.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError('BAD_OPTION', `--format "${format}" is not one of ${FORMATS.join(', ')}.`, 'For CI use json, github, junit, sarif or markdown.');
  }
  const failOn = checkFailOn(flags.failOn ?? 'drift');
  const probeTimeoutMs = parseDuration(flags.probeTimeout ?? '30s', '--probe-timeout');
  return { format: format as Format, failOn, probeTimeoutMs };
}

export function checkFailOn(failOn: string): string {
  if (!FAIL_ON_LEVELS.includes(failOn)) {
    throw new UsageError(
      'BAD_OPTION',
      `--fail-on "${failOn}" is not one of ${FAIL_ON_LEVELS.join(', ')}.`,
      'drift (default) fails on any error or warning finding; info also on info findings; error only on errors; blockers only when data blocks a repair.',
    );
  }
  return failOn;
}

/** One target's diagnosis: what the report needs and nothing else (no models are kept). */
export interface TargetDiagnosis {
  report: DiagnoseReport;
  /** For github and sarif: where each finding can be acted on. */
  locations?: Locations;
  manifestPath?: string;
}

/**
 * Connects to one database, analyses it against the loaded expected schema and builds its report. The single
 * `diagnose` and every target of a fleet (`--targets`) go through here.
 */
export async function diagnoseTarget(
  input: ConnectionInput,
  loaded: { expected: ExpectedSource; expectedModel: SchemaModel },
  flags: DiagnoseFlags,
  io: Io,
  options: DiagnoseOptions & { database?: string },
): Promise<TargetDiagnosis> {
  const { client, connection } = await connect(input);
  try {
    const analysed = await analyse(client, connection, loaded, flags, io, options.probeTimeoutMs);
    const { ignored, expected } = analysed;
    const findings = flags.strict ? strictSeverities(analysed.findings) : analysed.findings;

    let migrations: MigrationStatus | undefined;
    if (flags.migrations !== undefined) {
      const { readMigrationStatus, readMigrationFiles } = await import('../history/compare.js');
      const { relateFindings } = await import('../history/relate.js');
      const status = await readMigrationStatus(client, flags.migrations);
      relateFindings(findings, await readMigrationFiles(flags.migrations, status.unapplied));
      migrations = status;
    }

    const report = buildReport(findings, ignored, options.database ?? connection.display, expected.description, migrations, options.failOn);
    const manifestPath = expected.manifestPath && fromCwd(expected.manifestPath);
    const locations = options.format === 'github' || options.format === 'sarif' ? await locateFindings(findings, expected.manifestPath, flags.migrations) : undefined;
    return { report, ...(locations && { locations }), ...(manifestPath && { manifestPath }) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A path as annotations want it: relative to the working directory, with `/`. */
function fromCwd(path: string): string {
  return relative(process.cwd(), resolve(path)).split(sep).join('/');
}

/**
 * Where each finding can be acted on: with --migrations, the migration file and line that creates the object
 * (the unapplied one the finding names, else the first SQL file with a creating statement); otherwise, or when
 * none does, the line of the object in the JSON manifest. Findings with neither are left out.
 */
async function locateFindings(findings: DiagnoseReport['findings'], manifestFile: string | undefined, migrationsDir: string | undefined): Promise<Locations> {
  const out: Locations = {};
  const files: { name: string; sql: string }[] = [];
  if (migrationsDir !== undefined) {
    const { listMigrationDir } = await import('../history/files.js');
    const dir = await listMigrationDir(migrationsDir);
    for (const name of [...dir.files, ...dir.prismaFiles].filter((n) => n.endsWith('.sql'))) {
      const sql = await dir.read(name);
      if (sql !== undefined) files.push({ name, sql });
    }
  }
  const { findingLocator } = await import('../history/relate.js');
  const locate = findingLocator(files);
  const { jsonKeyLines, locateInManifest } = await import('../manifest/locate.js');
  let keys: ReturnType<typeof jsonKeyLines> | undefined;
  if (manifestFile !== undefined) {
    try {
      keys = jsonKeyLines(readFileSync(manifestFile, 'utf8'));
    } catch {
      keys = undefined; // it was read a moment ago; without it, annotations go on the file as before
    }
  }
  for (const f of findings) {
    const hit = files.length > 0 ? locate(f) : undefined;
    if (hit) {
      out[f.id] = { file: fromCwd(join(migrationsDir!, ...hit.name.split('/'))), line: hit.line };
      continue;
    }
    const line = keys && locateInManifest(f, keys);
    if (line !== undefined && manifestFile !== undefined) out[f.id] = { file: fromCwd(manifestFile), line };
  }
  return out;
}

export function buildReport(findings: DiagnoseReport['findings'], ignored: number, database: string, expected: string, migrations: MigrationStatus | undefined, failOn: string): DiagnoseReport {
  const blockers = findings.filter((f) => f.blockers?.some((b) => b.status === 'ok' && (b.count ?? 0) > 0)).length;
  const unknownProbes = findings.reduce((n, f) => n + (f.blockers?.filter((b) => b.status === 'unknown').length ?? 0), 0);
  // Info findings (the database is stricter than expected, an extension at another version than the manifest pins)
  // are not drift: only --fail-on info fails on them. Neither are objects of kinds that are not compared
  // (unmodeled_objects warnings), unless --strict made them errors.
  const failed = failsOn(findings, migrations, blockers, failOn);
  return {
    formatVersion: 1,
    tool: { name: 'schema-doctor', version: PACKAGE_VERSION },
    database,
    expected,
    findings,
    ignored,
    ...(migrations && { migrations }),
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
      blockers,
      unknownProbes,
    },
    failed,
  };
}

/** Whether a report fails under `--fail-on` (also used to re-decide a merged fleet report under another level). */
export function failsOn(findings: DiagnoseReport['findings'], migrations: MigrationStatus | undefined, blockers: number, failOn: string): boolean {
  const migrationDrift = migrations ? migrations.unapplied.length + migrations.missingFiles.length + migrations.checksumMismatches.length : 0;
  const drift = findings.some(isDrift) || migrationDrift > 0;
  const errors = findings.some((f) => f.severity === 'error') || migrationDrift > 0;
  const info = findings.some((f) => f.severity === 'info');
  return failOn === 'drift' ? drift : failOn === 'info' ? drift || info : failOn === 'error' ? errors : failOn === 'blockers' ? blockers > 0 : false;
}

export async function chalkStyle() {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { error: (s: string) => c.red(s), warning: (s: string) => c.yellow(s), ok: (s: string) => c.green(s), dim: (s: string) => c.dim(s), bold: (s: string) => c.bold(s) };
}
