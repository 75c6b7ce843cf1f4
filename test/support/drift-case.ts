import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { ConvergenceRun, ConvergenceSpec } from './convergence.js';

const repo = new URL('../../', import.meta.url).pathname;
const driftRoot = new URL('../corpus/drift/', import.meta.url).pathname;
const pairsRoot = new URL('../corpus/pairs/', import.meta.url).pathname;
const migrationsDir = new URL('../../migrations/', import.meta.url).pathname;

/**
 * The live SQL of a drift case: its own live.sql, or, with `"liveFrom": "<repo path>"` in expect.json, a fixture
 * shared with other tests (the incident fixtures), so that no copy of it has to be kept in step.
 */
export function liveSqlOf(caseDir: string, spec: { liveFrom?: string }): string {
  return readFileSync(livePathOf(caseDir, spec), 'utf8');
}

function livePathOf(caseDir: string, spec: { liveFrom?: string }): string {
  return spec.liveFrom !== undefined ? `${repo}${spec.liveFrom}` : `${caseDir}live.sql`;
}

const dirsOf = (root: string) =>
  existsSync(root)
    ? readdirSync(root)
        .filter((d) => statSync(root + d).isDirectory())
        .sort()
    : [];
const json = <T>(file: string, fallback: T): T => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback);
const policiesOf = (dir: string) => (existsSync(`${dir}policies.json`) ? `${dir}policies.json` : undefined);

export const driftCases = () => dirsOf(driftRoot);
export const pairCases = () => dirsOf(pairsRoot);

/** The SQL of a folder of migrations, in file-name order, as one script. */
function concatenated(dir: string): string {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()
    .map((n) => readFileSync(dir + n, 'utf8'))
    .join('\n;\n');
}

/** The cases whose psql script is checked too (a sample: the script path costs two more runs of psql). */
const scripted = (name: string) => Number.parseInt(name, 10) % 3 === 0;

/**
 * A drift case repaired forward (live → expected, the spec in apply.json) or in reverse (the expected schema as the
 * live database, repaired back to live.sql: this exercises the drops; the spec in apply.json's `reverse`).
 */
export function driftRun(name: string, direction: 'forward' | 'reverse'): ConvergenceRun {
  const dir = `${driftRoot}${name}/`;
  const expect = json<{ expectedFrom?: string; liveFrom?: string }>(`${dir}expect.json`, {});
  const applyJson = json<ConvergenceSpec & { reverse?: ConvergenceSpec }>(`${dir}apply.json`, { converges: true });
  const { reverse, ...forward } = applyJson;
  const expectedPath = expect.expectedFrom === 'migrations' ? migrationsDir : expect.expectedFrom === 'manifest' ? `${dir}expected.json` : `${dir}expected.sql`;
  if (direction === 'forward') {
    return { label: `${name}-forward`, liveSql: liveSqlOf(dir, expect), expectedPath, spec: forward, policies: policiesOf(dir), script: scripted(name) };
  }
  return {
    label: `${name}-reverse`,
    // A manifest case (expected.json) keeps the same schema as SQL in expected.sql for this direction.
    liveSql: expect.expectedFrom === 'migrations' ? concatenated(migrationsDir) : readFileSync(`${dir}expected.sql`, 'utf8'),
    expectedPath: livePathOf(dir, expect),
    spec: reverse ?? { converges: true },
    policies: policiesOf(dir),
    script: scripted(name),
  };
}

/**
 * A pair of schemas (test/corpus/pairs/NNN-name/{a.sql,b.sql}), repaired a → b and b → a. case.json, optional,
 * holds the spec of each direction (`ab`, `ba`) and a note; policies.json, optional, serves both.
 */
export function pairRun(name: string, direction: 'ab' | 'ba'): ConvergenceRun {
  const dir = `${pairsRoot}${name}/`;
  const spec = json<{ ab?: ConvergenceSpec; ba?: ConvergenceSpec }>(`${dir}case.json`, {});
  const [from, to] = direction === 'ab' ? ['a', 'b'] : ['b', 'a'];
  return {
    label: `${name}-${direction}`,
    liveSql: readFileSync(`${dir}${from}.sql`, 'utf8'),
    expectedPath: `${dir}${to}.sql`,
    spec: spec[direction] ?? { converges: true },
    policies: policiesOf(dir),
    script: scripted(name),
  };
}
