/**
 * Convergence corpus: every case of the drift corpus (test/corpus/drift/NN-*) is repaired end to end.
 *
 * For each case: a fresh database gets live.sql, then
 *   apply --yes --degraded --prune --expected <expected> [--policies <case>/policies.json] [--allow-hazard …]
 * must exit 0, after which `diagnose` finds nothing (info findings aside: a database stricter than expected is not
 * drift) and `plan` has no step, refusal or skip left. No row may be
 * lost: a table whose row count went down has at least that many rows of its own in schema_doctor.archive, and a
 * table --prune removed sits in the schema_doctor schema with all its rows.
 *
 * Per-case files (both optional):
 *   policies.json  what to do with the data that blocks the repair (src/plan/policies.ts);
 *   apply.json     { "allowHazards": [...] } for extra --allow-hazard flags, or, for a case that cannot converge,
 *                  { "converges": false, "reason": "…", "applyExit": 0 | 3 | 4, "remaining": [finding ids] }:
 *                    applyExit 0  apply repairs what it can and leaves `remaining` alone;
 *                    applyExit 3  refused by a guard (e.g. CHECK violations no policy can fix);
 *                    applyExit 4  fails and rolls back (blocking data the probes cannot see), or, with `remaining`,
 *                                 commits and then fails its verification;
 *                  with `remaining`, diagnose then lists exactly those findings and plan has nothing left to do
 *                  (it skips exactly those, unless the reason is a "bug: …"); without it nothing may change:
 *                  same diagnose output, same rows in every table.
 *
 * Diagnose and plan checks run against a manifest of the expected schema written once per case
 * (`snapshot --from-sql`), so only `apply` itself replays the SQL.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';
import { liveSqlOf } from './support/drift-case.js';

const root = new URL('./corpus/drift/', import.meta.url).pathname;
const migrationsDir = new URL('../migrations/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'sd-convergence-'));

interface ApplySpec {
  converges: boolean;
  reason?: string;
  applyExit?: 0 | 3 | 4;
  remaining?: string[];
  allowHazards?: string[];
  note?: string;
}

interface Report {
  findings: { id: string; severity: string }[];
}

interface Plan {
  steps: { id: string; summary: string }[];
  refused: { findingId: string }[];
  skipped: { findingId: string }[];
}

const cases = readdirSync(root)
  .filter((d) => statSync(root + d).isDirectory())
  .sort();

function applySpec(name: string): ApplySpec {
  const file = `${root}${name}/apply.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ApplySpec) : { converges: true };
}

function expectSpec(name: string): { expectedFrom?: string; liveFrom?: string } {
  return JSON.parse(readFileSync(`${root}${name}/expect.json`, 'utf8'));
}

function expectedOf(name: string): string {
  return expectSpec(name).expectedFrom === 'migrations' ? migrationsDir : `${root}${name}/expected.sql`;
}

/** The flags every apply and plan of a case gets: policies and allowed hazards. */
function repairFlags(name: string): string[] {
  const policies = `${root}${name}/policies.json`;
  return [
    ...(existsSync(policies) ? ['--policies', policies] : []),
    ...(applySpec(name).allowHazards ?? []).flatMap((h) => ['--allow-hazard', h]),
  ];
}

interface TableStats {
  schema: string;
  name: string;
  rows: number;
  checksum: string;
}

/** Row count and a checksum of the rows of every user table (schema_doctor's own schema excluded). */
async function tableStats(db: TestDatabase): Promise<Map<string, TableStats>> {
  const tables = await db.sql<{ key: string; schema: string; name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS key, n.nspname AS schema, c.relname AS name
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'schema_doctor')
       AND n.nspname !~ '^pg_'
     ORDER BY 1`,
  );
  const stats = new Map<string, TableStats>();
  if (tables.length === 0) return stats;
  const rows = await db.sql<{ key: string; rows: number; checksum: string }>(tables
    .map((t, i) => `SELECT $${i + 1}::text AS key, count(*)::int AS rows,
                           md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS checksum FROM ${t.key} t`)
    .join('\nUNION ALL\n'), tables.map((t) => t.key));
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
  const archived = await db.sql<{ table_name: string; n: number }>(
    `SELECT table_name, count(*)::int AS n FROM schema_doctor.archive WHERE reason NOT LIKE 'pruned column %' GROUP BY 1`,
  );
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

function parseJson<T>(what: string, r: { code: number; stdout: string; stderr: string }): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`${what} did not print JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

const transcript = (r: { code: number; stdout: string; stderr: string }) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

describe('convergence corpus', () => {
  it('has at least 60 converging cases; every apply.json says why a case does not converge', () => {
    const converging = cases.filter((c) => applySpec(c).converges);
    expect(converging.length).toBeGreaterThanOrEqual(60);
    for (const name of cases) {
      const s = applySpec(name);
      expect(typeof s.converges, `${name}/apply.json: converges`).toBe('boolean');
      if (s.converges) continue;
      expect(s.reason, `${name}/apply.json: reason`).toMatch(/\S/);
      expect([0, 3, 4], `${name}/apply.json: applyExit`).toContain(s.applyExit);
      if (s.applyExit === 0) expect(s.remaining?.length, `${name}/apply.json: remaining`).toBeGreaterThan(0);
      if (s.applyExit === 3) expect(s.remaining, `${name}/apply.json: a refusal changes nothing, so no remaining list`).toBeUndefined();
    }
  });

  it.concurrent.for(cases)('%s', async (name, { expect }) => {
    const dir = `${root}${name}/`;
    const spec = applySpec(name);
    const flags = repairFlags(name);

    // The expected schema as a manifest, for the checks (one replay instead of one per command).
    const manifest = join(tmp, `${name}.json`);
    const snap = await runCli(['snapshot', '--from-sql', expectedOf(name), '--out', manifest]);
    expect(snap.code, transcript(snap)).toBe(0);

    const db = await createTestDatabase('conv');
    try {
      await db.sql(liveSqlOf(dir, expectSpec(name)));
      const diagnose = () => runCli(['diagnose', '--url', db.url, '--expected', manifest, '--format', 'json']);
      const before = await tableStats(db);
      const diagnosedBefore = await diagnose();
      expect([0, 2], transcript(diagnosedBefore)).toContain(diagnosedBefore.code);

      const applied = await runCli(['apply', '--url', db.url, '--expected', expectedOf(name), ...flags, '--prune', '--yes', '--degraded']);
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
      const drift = report.findings.filter((f) => f.severity !== 'info');
      expect(drift.map((f) => f.id).sort(), `findings after apply\n${transcript(applied)}`).toEqual([...remaining].sort());
      expect(diagnosed.code).toBe(remaining.length > 0 ? 2 : 0);

      const planned = await runCli(['plan', '--url', db.url, '--expected', manifest, ...flags, '--prune', '--format', 'json']);
      const plan = parseJson<Plan>('plan', planned);
      expect(plan.steps, 'steps left after apply').toEqual([]);
      expect(plan.refused, 'refusals left after apply').toEqual([]);
      expect(planned.code).toBe(0);
      const skipped = plan.skipped.map((s) => s.findingId).sort();
      if (spec.reason?.startsWith('bug:')) expect(remaining).toEqual(expect.arrayContaining(skipped));
      else expect(skipped, 'what plan leaves alone is exactly what remains').toEqual([...remaining].sort());

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
  });
});
