/**
 * The convergence check, shared by the corpus files (convergence*.test.ts). One run takes a live SQL script and an
 * expected schema (SQL file or folder) in one direction:
 *
 *   1. a fresh database gets the live SQL;
 *   2. `apply --dry-run` exits as the real run will refuse (3), fail (4) or succeed (0), and changes nothing (same
 *      diagnose output, same rows in every table);
 *   3. `apply --yes --degraded --prune` exits as the spec says; then `diagnose` finds nothing (info findings aside: a
 *      database stricter than expected is not drift) and `plan` has no step, refusal or skip left;
 *   4. no row is lost: a table whose row count went down has at least that many rows of its own in
 *      schema_doctor.archive, and a table --prune removed sits in the schema_doctor schema with all its rows.
 *
 * A spec (`ConvergenceSpec`) says how a direction ends when it does not converge:
 *   applyExit 0  apply repairs what it can and leaves `remaining` alone;
 *   applyExit 3  refused by a guard (e.g. CHECK violations no policy can fix): nothing changes;
 *   applyExit 4  fails and rolls back (blocking data the probes cannot see), or, with `remaining`, commits and then
 *                fails its verification;
 * with `remaining`, diagnose then lists exactly those findings and plan has nothing left to do (it skips exactly
 * those, unless the reason is a "bug: …"); without it nothing may change: same diagnose output, same rows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect as globalExpect } from 'vitest';
import { createTestDatabase, psqlFile, runCli, type CliResult, type TestDatabase } from './db.js';

export interface ConvergenceSpec {
  converges: boolean;
  reason?: string;
  applyExit?: 0 | 3 | 4;
  remaining?: string[];
  allowHazards?: string[];
  note?: string;
}

export interface ConvergenceRun {
  /** For temp file names: unique per run. */
  label: string;
  liveSql: string;
  /** An SQL file or a folder of migrations: what `apply --expected` replays; or a manifest (`.json`), used as it is. */
  expectedPath: string;
  spec: ConvergenceSpec;
  /** A policies file for the blocking data, if any. */
  policies?: string;
  /** Also run the psql script of `plan --out` twice on a second database: it must end where apply ends. */
  script?: boolean;
}

interface Report {
  findings: { id: string; kind: string; severity: string }[];
}

/** As diagnose's gate counts it (src/diff/findings.ts isDrift, without --strict). */
const isDrift = (f: { kind: string; severity: string }) => f.severity === 'error' || (f.severity === 'warning' && f.kind !== 'unmodeled_objects');

interface Plan {
  steps: { id: string; summary: string }[];
  refused: { findingId: string }[];
  skipped: { findingId: string }[];
}

type Expect = typeof globalExpect;

const tmp = mkdtempSync(join(tmpdir(), 'sd-convergence-'));

/** Checks that the spec file is well formed: a case that does not converge says why and how it ends. */
export function checkSpec(where: string, s: ConvergenceSpec, expect: Expect = globalExpect): void {
  expect(typeof s.converges, `${where}: converges`).toBe('boolean');
  if (s.converges) return;
  expect(s.reason, `${where}: reason`).toMatch(/\S/);
  expect([0, 3, 4], `${where}: applyExit`).toContain(s.applyExit);
  if (s.applyExit === 0) expect(s.remaining?.length, `${where}: remaining`).toBeGreaterThan(0);
  if (s.applyExit === 3) expect(s.remaining, `${where}: a refusal changes nothing, so no remaining list`).toBeUndefined();
}

export async function checkConvergence(run: ConvergenceRun, expect: Expect): Promise<void> {
  const { spec } = run;
  const flags = [...(run.policies !== undefined ? ['--policies', run.policies] : []), ...(spec.allowHazards ?? []).flatMap((h) => ['--allow-hazard', h])];

  // The expected schema as a manifest, for the checks (one replay instead of one per command).
  let manifest = run.expectedPath;
  if (!run.expectedPath.endsWith('.json')) {
    manifest = join(tmp, `${run.label.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
    const snap = await runCli(['snapshot', '--from-sql', run.expectedPath, '--out', manifest]);
    expect(snap.code, transcript(snap)).toBe(0);
  }

  const db = await createTestDatabase('conv');
  try {
    await db.sql(run.liveSql);
    const diagnose = () => runCli(['diagnose', '--url', db.url, '--expected', manifest, '--format', 'json']);
    const before = await tableStats(db);
    const diagnosedBefore = await diagnose();
    expect([0, 2], transcript(diagnosedBefore)).toContain(diagnosedBefore.code);

    // The rehearsal: it ends as the real run will, up to the commit, and changes nothing.
    const rehearsed = await runCli(['apply', '--dry-run', '--url', db.url, '--expected', manifest, ...flags, '--prune', '--yes', '--degraded']);
    const rehearsalExit = !spec.converges && spec.applyExit !== 0 && spec.remaining === undefined ? spec.applyExit : 0;
    expect(rehearsed.code, `dry run\n${transcript(rehearsed)}`).toBe(rehearsalExit);
    expect((await diagnose()).stdout, 'diagnose output before and after the dry run').toBe(diagnosedBefore.stdout);
    expect([...(await tableStats(db))], 'rows of every table after the dry run').toEqual([...before]);

    const applied = await runCli(['apply', '--url', db.url, '--expected', run.expectedPath, ...flags, '--prune', '--yes', '--degraded']);
    const after = await tableStats(db);
    const diagnosed = await diagnose();
    const report = parseJson<Report>('diagnose', diagnosed);

    if (!spec.converges && spec.remaining === undefined) {
      // Refused (3) or failed and rolled back (4): nothing changed at all.
      expect(applied.code, transcript(applied)).toBe(spec.applyExit);
      expect(applied.stderr).toMatch(spec.applyExit === 3 ? /nothing was changed/ : /rolled back: nothing was changed/i);
      expect(diagnosed.stdout, 'diagnose output before and after').toBe(diagnosedBefore.stdout);
      expect([...after], 'rows of every table').toEqual([...before]);
      return;
    }

    expect(applied.code, transcript(applied)).toBe(spec.converges ? 0 : spec.applyExit);
    const remaining = spec.converges ? [] : spec.remaining!;
    // Info findings (the database is stricter than expected) are not drift: apply leaves them, plan has no step
    // or skip for them, and diagnose does not fail on them. Converging means no error or warning is left.
    // Objects of kinds that are not compared (unmodeled_objects) are named, not drift: plan lists them as left alone.
    const drift = report.findings.filter(isDrift);
    expect(drift.map((f) => f.id).sort(), `findings after apply\n${transcript(applied)}`).toEqual([...remaining].sort());
    expect(diagnosed.code).toBe(remaining.length > 0 ? 2 : 0);

    const planned = await runCli(['plan', '--url', db.url, '--expected', manifest, ...flags, '--prune', '--format', 'json']);
    const plan = parseJson<Plan>('plan', planned);
    expect(plan.steps, 'steps left after apply').toEqual([]);
    expect(plan.refused, 'refusals left after apply').toEqual([]);
    expect(planned.code).toBe(0);
    const skipped = plan.skipped
      .map((s) => s.findingId)
      .filter((id) => !id.startsWith('unmodeled_objects:'))
      .sort();
    if (spec.reason?.startsWith('bug:')) expect(remaining).toEqual(expect.arrayContaining(skipped));
    else expect(skipped, 'what plan leaves alone is exactly what remains').toEqual([...remaining].sort());

    if (run.script && spec.converges) await checkScript(run, manifest, flags, report, expect);

    // Nothing lost: fewer rows only where the archive holds them; a pruned table lives on in schema_doctor.
    const { archived, moved } = await archiveOf(db);
    for (const [key, b] of before) {
      const a = after.get(key);
      if (a === undefined) {
        const kept = moved.find((m) => m.name.startsWith(`${b.name}__`));
        expect(kept, `${key} is gone and was not moved into schema_doctor`).toBeDefined();
        expect(kept!.rows, `rows of ${key}, moved to schema_doctor.${kept!.name}`).toBe(b.rows);
      } else if (a.rows < b.rows) {
        expect(archived.get(key) ?? 0, `${key} lost ${b.rows - a.rows} rows; archived`).toBeGreaterThanOrEqual(b.rows - a.rows);
      }
    }
  } finally {
    await db.drop();
  }
}

/**
 * The psql script (`plan --out`) run twice on a second copy of the live database: the first run repairs what apply
 * repaired (the same findings remain), the second changes nothing (same snapshot, same rows).
 */
async function checkScript(run: ConvergenceRun, manifest: string, flags: string[], applied: Report, expect: Expect): Promise<void> {
  const db = await createTestDatabase('script');
  try {
    await db.sql(run.liveSql);
    const file = join(tmp, `${run.label.replace(/[^A-Za-z0-9_.-]/g, '_')}.plan.sql`);
    const planned = await runCli(['plan', '--url', db.url, '--expected', manifest, ...flags, '--prune', '--out', file]);
    expect([0, 2], `plan --out\n${transcript(planned)}`).toContain(planned.code);
    const first = await psqlFile(file, db.url);
    expect(first.code, `psql, first run\n${transcript(first)}`).toBe(0);
    const snapshot = async () => (await runCli(['snapshot', '--url', db.url])).stdout;
    const [afterFirst, rowsFirst] = [await snapshot(), await tableStats(db)];
    const diagnosed = parseJson<Report>('diagnose', await runCli(['diagnose', '--url', db.url, '--expected', manifest, '--format', 'json']));
    const ids = (r: Report) =>
      r.findings
        .filter(isDrift)
        .map((f) => f.id)
        .sort();
    expect(ids(diagnosed), 'findings after the script, as after apply').toEqual(ids(applied));
    const second = await psqlFile(file, db.url);
    expect(second.code, `psql, second run\n${transcript(second)}`).toBe(0);
    expect(await snapshot(), 'the second run of the script changes no object').toBe(afterFirst);
    expect([...(await tableStats(db))], 'the second run of the script changes no row').toEqual([...rowsFirst]);
  } finally {
    await db.drop();
  }
}

interface TableStats {
  schema: string;
  name: string;
  rows: number;
  checksum: string;
}

/** Row count and a checksum of the rows of every user table (schema_doctor's own schema excluded). */
export async function tableStats(db: TestDatabase): Promise<Map<string, TableStats>> {
  const tables = await db.sql<{ key: string; schema: string; name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS key, n.nspname AS schema, c.relname AS name
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'schema_doctor')
       AND n.nspname !~ '^pg_'
     ORDER BY 1`,
  );
  const stats = new Map<string, TableStats>();
  if (tables.length === 0) return stats;
  const rows = await db.sql<{ key: string; rows: number; checksum: string }>(
    tables
      .map(
        (t, i) => `SELECT $${i + 1}::text AS key, count(*)::int AS rows,
                           md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS checksum FROM ${t.key} t`,
      )
      .join('\nUNION ALL\n'),
    tables.map((t) => t.key),
  );
  for (const r of rows) {
    const t = tables.find((x) => x.key === r.key)!;
    stats.set(r.key, { schema: t.schema, name: t.name, rows: r.rows, checksum: r.checksum });
  }
  return stats;
}

/** Rows in schema_doctor.archive per table, and the tables --prune moved into the schema_doctor schema. */
async function archiveOf(db: TestDatabase): Promise<{ archived: Map<string, number>; moved: { name: string; rows: number }[] }> {
  const [exists] = await db.sql<{ ok: boolean }>(`SELECT to_regclass('schema_doctor.archive') IS NOT NULL AS ok`);
  if (!exists?.ok) return { archived: new Map(), moved: [] };
  const archived = await db.sql<{ table_name: string; n: number }>(`SELECT table_name, count(*)::int AS n FROM schema_doctor.archive WHERE reason NOT LIKE 'pruned column %' GROUP BY 1`);
  const movedTables = await db.sql<{ name: string }>(
    `SELECT c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'schema_doctor' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('archive', 'runs', 'dropped_objects')`,
  );
  const moved: { name: string; rows: number }[] = [];
  for (const { name } of movedTables) {
    const [r] = await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM schema_doctor."${name.replace(/"/g, '""')}"`);
    moved.push({ name, rows: r!.n });
  }
  return { archived: new Map(archived.map((r) => [r.table_name, r.n])), moved };
}

function parseJson<T>(what: string, r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`${what} did not print JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

export const transcript = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
