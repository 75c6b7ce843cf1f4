import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError, DatabaseError } from '../errors.js';
import { connectionInput, type ConnectionFlags } from './common.js';
import type { Io } from './main.js';
import { parseDuration } from './duration.js';
import { globToRegex, introspect } from '../catalog/introspect.js';
import { connect } from '../db/connect.js';
import { loadExpected } from '../manifest/load-expected.js';
import { filterModel } from '../model/filter.js';
import { diffSchemas } from '../diff/diff-schemas.js';
import { isBookkeeping } from '../diff/bookkeeping.js';
import { isIgnored, parseIgnoreFile } from '../diff/ignore.js';
import type { DiagnoseReport, MigrationStatus } from '../report/report.js';
import { FORMATS } from '../report/render.js';
import { PACKAGE_VERSION } from '../package-root.js';

export interface DiagnoseFlags extends ConnectionFlags {
  expected?: string;
  migrations?: string;
  format?: string;
  failOn?: string;
  ignore?: string[];
  probeTimeout?: string;
  probes?: boolean;
}

export const IGNORE_FILE = '.schema-doctor-ignore';

export async function diagnoseCommand(flags: DiagnoseFlags, io: Io): Promise<number> {
  const format = flags.format ?? (io.stdout.isTTY ? 'table' : 'table');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError('BAD_OPTION', `--format "${format}" is not one of ${FORMATS.join(', ')}.`, 'For CI use json, github, junit, sarif or markdown.');
  }
  const failOn = flags.failOn ?? 'drift';
  if (!['drift', 'blockers', 'never'].includes(failOn)) {
    throw new UsageError('BAD_OPTION', `--fail-on "${failOn}" is not one of drift, blockers, never.`, 'drift (default) fails on any finding; blockers only when data blocks a repair.');
  }
  const probeTimeoutMs = parseDuration(flags.probeTimeout ?? '30s', '--probe-timeout');
  const schemas = (flags.schema ?? []).map(globToRegex);
  const input = connectionInput(flags, io);

  const expected = await loadExpected(flags.expected ?? 'expected-schema', flags.schema ?? []);
  const expectedModel = filterModel(expected.model, schemas);
  const { client, connection } = await connect(input);
  try {
    const actual = await introspect(client, { schemas: flags.schema ?? [] }).catch((err) => {
      throw asDatabaseError(err, connection.display);
    });
    const rules = [...(flags.ignore ?? []), ...readIgnoreFile(expected.configDir)];
    const all = diffSchemas(expectedModel, actual).filter((f) => !isBookkeeping(f, actual));
    const findings = all.filter((f) => !isIgnored(f, rules));

    if (flags.probes !== false && findings.length > 0) {
      const { runProbes } = await import('../probes/run-probes.js');
      const spinner = await startSpinner(io, 'probing data that would block repairs');
      try {
        await runProbes(client, findings, expectedModel, actual, {
          timeoutMs: probeTimeoutMs,
          onProgress: (done, total) => spinner?.update(`probing data that would block repairs (${done}/${total})`),
        });
      } finally {
        spinner?.stop();
      }
    }

    let migrations: MigrationStatus | undefined;
    if (flags.migrations !== undefined) {
      const { readMigrationStatus } = await import('../history/compare.js');
      const { relateFindings } = await import('../history/relate.js');
      const dir = flags.migrations;
      const status = await readMigrationStatus(client, dir);
      relateFindings(findings, status.unapplied.map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') })));
      migrations = status;
    }

    const report = buildReport(findings, all.length - findings.length, connection.display, expected.description, migrations, failOn);
    const { renderReport } = await import('../report/render.js');
    const style = format === 'table' && colourOn(io) ? await chalkStyle() : undefined;
    io.stdout.write(renderReport(report, format as (typeof FORMATS)[number], { ...(style && { style }), ...(expected.manifestPath && { manifestPath: expected.manifestPath }) }));
    return report.failed ? ExitCode.DRIFT : ExitCode.OK;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function buildReport(
  findings: DiagnoseReport['findings'],
  ignored: number,
  database: string,
  expected: string,
  migrations: MigrationStatus | undefined,
  failOn: string,
): DiagnoseReport {
  const blockers = findings.filter((f) => f.blockers?.some((b) => b.status === 'ok' && (b.count ?? 0) > 0)).length;
  const unknownProbes = findings.reduce((n, f) => n + (f.blockers?.filter((b) => b.status === 'unknown').length ?? 0), 0);
  const migrationDrift = migrations ? migrations.unapplied.length + migrations.missingFiles.length + migrations.checksumMismatches.length : 0;
  const drift = findings.length > 0 || migrationDrift > 0;
  const failed = failOn === 'drift' ? drift : failOn === 'blockers' ? blockers > 0 : false;
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
      blockers,
      unknownProbes,
    },
    failed,
  };
}

function readIgnoreFile(dir: string): string[] {
  const file = join(dir, IGNORE_FILE);
  return existsSync(file) ? parseIgnoreFile(readFileSync(file, 'utf8')) : [];
}

function asDatabaseError(err: unknown, display: string): unknown {
  const e = err as { code?: string; message?: string };
  if (!e.code) return err;
  return new DatabaseError('CATALOG_READ_FAILED', `Reading the catalog of ${display} failed: ${e.message} (SQLSTATE ${e.code}).`, 'Check that the role may read pg_catalog.');
}

/** Colour only on a terminal, never with NO_COLOR or TERM=dumb; FORCE_COLOR turns it on anywhere. */
export function colourOn(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false') return true;
  return !!io.stdout.isTTY && io.env.TERM !== 'dumb';
}

async function chalkStyle() {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { error: (s: string) => c.red(s), warning: (s: string) => c.yellow(s), ok: (s: string) => c.green(s), dim: (s: string) => c.dim(s), bold: (s: string) => c.bold(s) };
}

/** A spinner on stderr, only on a terminal, shown once probing has taken longer than a moment. */
async function startSpinner(io: Io, text: string): Promise<{ update(t: string): void; stop(): void } | undefined> {
  if (!io.stderr.isTTY || io.env.TERM === 'dumb' || io.env.CI) return undefined;
  const { default: ora } = await import('ora');
  let current = text;
  let spinner: ReturnType<typeof ora> | undefined;
  const timer = setTimeout(() => (spinner = ora({ text: current, stream: io.stderr as NodeJS.WritableStream }).start()), 400);
  return {
    update(t) {
      current = t;
      if (spinner) spinner.text = t;
    },
    stop() {
      clearTimeout(timer);
      spinner?.stop();
    },
  };
}
