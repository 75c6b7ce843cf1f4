import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { ResolvedConnection } from '../db/connection.js';
import { readLiveCatalog } from './live-model.js';
import { globToRegex } from '../catalog/introspect.js';
import { loadExpected, type ExpectedSource } from '../manifest/load-expected.js';
import { defaultCacheDir } from '../manifest/cache-dir.js';
import { filterModel } from '../model/filter.js';
import { mapRoles, parseRoleMap } from '../model/role-map.js';
import type { SchemaModel } from '../model/types.js';
import { diffSchemas } from '../diff/diff-schemas.js';
import { isBookkeeping } from '../diff/bookkeeping.js';
import { isIgnored, parseIgnoreFile } from '../diff/ignore.js';
import type { Finding } from '../diff/finding.js';
import type { Io } from './io.js';
import { startSpinner } from './spinner.js';

export const IGNORE_FILE = '.schema-doctor-ignore';

export interface AnalyseFlags {
  expected?: string;
  schema?: string[];
  ignore?: string[];
  probes?: boolean;
  /** `--role-map MANIFEST_ROLE=LIVE_ROLE`, applied to the expected model before the diff. */
  roleMap?: string[];
  /** `--no-cache`: replay SQL given as --expected every time. */
  cache?: boolean;
}

export interface Analysis {
  expected: ExpectedSource;
  expectedModel: SchemaModel;
  actual: SchemaModel;
  findings: Finding[];
  ignored: number;
  /** Ids of findings left out by ignore rules (verification must not count them as new). */
  ignoredIds: Set<string>;
}

export async function loadExpectedFor(flags: AnalyseFlags, env: NodeJS.ProcessEnv): Promise<{ expected: ExpectedSource; expectedModel: SchemaModel }> {
  const expected = await loadExpected(flags.expected ?? 'expected-schema', flags.schema ?? [], replayCacheDir(flags, env));
  return { expected, expectedModel: mapRoles(filterModel(expected.model, (flags.schema ?? []).map(globToRegex)), parseRoleMap(flags.roleMap)) };
}

/** Where replayed SQL is cached, unless `--no-cache`. */
export function replayCacheDir(flags: { cache?: boolean }, env: NodeJS.ProcessEnv): string | undefined {
  return flags.cache === false ? undefined : defaultCacheDir(env);
}

/** The shared pipeline of diagnose, plan and apply: introspect, diff, drop bookkeeping and ignored findings, probe. */
export async function analyse(
  client: pg.Client,
  connection: ResolvedConnection,
  loaded: { expected: ExpectedSource; expectedModel: SchemaModel },
  flags: AnalyseFlags,
  io: Io,
  probeTimeoutMs: number,
): Promise<Analysis> {
  // The live side of a comparison: with the extension versions, for the ones a manifest pins.
  const actual = await readLiveCatalog(client, connection, { schemas: flags.schema ?? [], extensionVersions: true });
  const rules = [...(flags.ignore ?? []), ...readIgnoreFile(loaded.expected.configDir)];
  const all = diffSchemas(loaded.expectedModel, actual).filter((f) => !isBookkeeping(f, actual));
  const findings = all.filter((f) => !isIgnored(f, rules));
  if (flags.probes !== false && findings.length > 0) {
    const { runProbes } = await import('../probes/run-probes.js');
    const spinner = await startSpinner(io, 'probing data that would block repairs');
    try {
      await runProbes(client, findings, loaded.expectedModel, actual, {
        timeoutMs: probeTimeoutMs,
        onProgress: (done, total) => spinner?.update(`probing data that would block repairs (${done}/${total})`),
      });
    } finally {
      spinner?.stop();
    }
  }
  return { ...loaded, actual, findings, ignored: all.length - findings.length, ignoredIds: new Set(all.filter((f) => !findings.includes(f)).map((f) => f.id)) };
}

function readIgnoreFile(dir: string): string[] {
  const file = join(dir, IGNORE_FILE);
  return existsSync(file) ? parseIgnoreFile(readFileSync(file, 'utf8')) : [];
}
