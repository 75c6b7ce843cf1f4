/**
 * Hostile identifiers and literals. Table, column, constraint, index and schema names carry double quotes, single
 * quotes, semicolons, `--`, `$$`, `$sd$` (the dollar-quote tag schema-doctor's DO blocks use) and newlines; defaults,
 * a CHECK and a comment carry SQL text. Every repair must treat them as names and data: `apply` converges, the
 * `canary` table keeps its rows, and afterwards exactly the expected objects exist.
 *
 * Not tested here, on purpose: a policy's `nulls` entry is an SQL expression written by the operator
 * (docs/policies.md), like a line of a migration. It is pasted into the UPDATE as SQL by design, so it is not an
 * injection vector, and the same goes for the definitions inside an expected-schema manifest.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, psqlFile, runCli, type CliResult, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const fixtures = `${root}test/fixtures/apply`;
const expectedSql = readFileSync(`${fixtures}/injection-expected.sql`, 'utf8');
const liveSql = readFileSync(`${fixtures}/injection-live.sql`, 'utf8');
const POLICIES = `${fixtures}/injection-policies.json`;
const T = 'public."t;DROP TABLE canary;--"';
const work = mkdtempSync(join(tmpdir(), 'sd-injection-'));

const databases: TestDatabase[] = [];
let expectedDb: TestDatabase;
let manifest: string;
let expectedSnapshot: unknown;

beforeAll(async () => {
  expectedDb = await createTestDatabase('injexp');
  databases.push(expectedDb);
  await expectedDb.sql(expectedSql);
  manifest = join(work, 'manifest.json');
  const r = await runCli(['snapshot', '--url', expectedDb.url, '--out', manifest]);
  expect(r.code, r.stderr).toBe(0);
  expectedSnapshot = await snapshot(expectedDb);
});
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

async function liveDb(extra = ''): Promise<TestDatabase> {
  const db = await createTestDatabase('injlive');
  databases.push(db);
  await db.sql(liveSql);
  if (extra) await db.sql(extra);
  return db;
}

async function snapshot(db: TestDatabase): Promise<unknown> {
  const r = await runCli(['snapshot', '--url', db.url]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Every relation, function and schema outside the system schemas, schema_doctor's own included. */
async function objects(db: TestDatabase): Promise<{ schemas: string[]; relations: string[]; functions: string[] }> {
  const [schemas, relations, functions] = await Promise.all([
    db.sql<{ n: string }>(`SELECT nspname AS n FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY 1`),
    db.sql<{ n: string }>(`SELECT format('%s %I.%I', c.relkind, n.nspname, c.relname) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1`),
    db.sql<{ n: string }>(`SELECT p.oid::regprocedure::text AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1`),
  ]);
  return { schemas: schemas.map((r) => r.n), relations: relations.map((r) => r.n), functions: functions.map((r) => r.n) };
}

async function canary(db: TestDatabase): Promise<unknown[]> {
  return db.sql('SELECT id, note FROM public.canary ORDER BY id');
}

async function diagnose(db: TestDatabase): Promise<CliResult & { ids: string[] }> {
  const r = await runCli(['diagnose', '--url', db.url, '--expected', manifest, '--format', 'json']);
  return { ...r, ids: (JSON.parse(r.stdout).findings as { id: string }[]).map((f) => f.id) };
}

/** The merge the policy asks for: keep the latest e$sd$y (NULLs last), sum n$$x. */
const MERGED = [
  { id: 2, c: "a'--", n: 3, e: '2024-02-01T00:00:00.000Z' },
  { id: 4, c: '; DROP TABLE canary; --', n: 12, e: '2024-03-01T00:00:00.000Z' },
  { id: 5, c: '$sd$', n: 1, e: null },
  { id: 6, c: '$$', n: 7, e: '2024-01-05T00:00:00.000Z' },
];
async function mergedRows(db: TestDatabase): Promise<unknown[]> {
  const rows = await db.sql<{ id: number; c: string; n: number; e: Date | null }>(`SELECT id, "c'--" AS c, "n$$x" AS n, "e$sd$y" AS e FROM ${T} ORDER BY id`);
  return rows.map((r) => ({ ...r, e: r.e ? r.e.toISOString() : null }));
}

describe('hostile names in the expected schema and in the live database', () => {
  it('the expected schema really is hostile, and the live database differs from it in every kind of object', async () => {
    const live = await liveDb();
    const d = await diagnose(live);
    expect(d.code).toBe(2);
    expect(d.ids.sort()).toEqual(
      [
        'column_default_differs:public."t;DROP TABLE canary;--"."q""$sd$;--"',
        'comment_differs:public."t;DROP TABLE canary;--"',
        'missing_constraint:public."t;DROP TABLE canary;--"."ck$sd$\'--"',
        'missing_constraint:public."t;DROP TABLE canary;--"."u""q;--"',
        'missing_index:public."t;DROP TABLE canary;--"."$$i\'--;"',
        'missing_index:public."t;DROP TABLE canary;--".i$sd$x',
        'missing_schema:"s""; DROP TABLE public.canary; --"',
        'missing_table:"s""; DROP TABLE public.canary; --"."x$sd$\'--"',
      ].sort(),
    );
  });

  it('apply --yes --degraded converges: no drift, canary intact, exactly the expected objects, duplicates merged by the policy', async () => {
    const live = await liveDb();
    const canaryBefore = await canary(live);
    const r = await runCli(['apply', '--url', live.url, '--expected', manifest, '--policies', POLICIES, '--yes', '--degraded']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/applied\s+\d{3}\s+merge 3 duplicate groups on public\."t;DROP TABLE canary;--" \("c'--"\) \(3 rows/);
    expect(r.stdout).toMatch(/Applied and verified/);

    const d = await diagnose(live);
    expect(d.code, d.stdout).toBe(0);
    expect(d.ids).toEqual([]);
    expect(await canary(live)).toEqual(canaryBefore);
    expect(canaryBefore).toHaveLength(2);

    // Exactly the expected objects: the same model as the expected database, the same relations and functions,
    // plus schema-doctor's own bookkeeping schema with its three tables and nothing else.
    expect(await snapshot(live)).toEqual(expectedSnapshot);
    const want = await objects(expectedDb);
    const got = await objects(live);
    expect(got.functions).toEqual(want.functions);
    expect(got.schemas).toEqual([...want.schemas, 'schema_doctor'].sort());
    const own = got.relations.filter((n) => n.includes(' schema_doctor.'));
    expect(own.filter((n) => n.startsWith('r '))).toEqual(['r schema_doctor.archive', 'r schema_doctor.dropped_objects', 'r schema_doctor.runs']);
    expect(got.relations.filter((n) => !n.includes(' schema_doctor.'))).toEqual(want.relations);

    // The data: merged as the policy says, with the SQL-looking values untouched; the default and comment are text.
    expect(await mergedRows(live)).toEqual(MERGED);
    const [meta] = await live.sql<{ comment: string; def: string }>(
      `SELECT obj_description('${T.replace(/'/g, "''")}'::regclass, 'pg_class') AS comment,
              pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
       WHERE d.adrelid = '${T.replace(/'/g, "''")}'::regclass AND a.attname = 'q"$sd$;--'`,
    );
    expect(meta).toEqual({ comment: "it's; DROP TABLE public.canary; -- $sd$ $$", def: "'$sd$''; DROP TABLE public.canary; --'::text" });
    const archived = await live.sql<{ table_name: string; ids: number[] }>(
      `SELECT table_name, array_agg((row_data->>'id')::int ORDER BY (row_data->>'id')::int) AS ids FROM schema_doctor.archive GROUP BY 1`,
    );
    expect(archived).toEqual([{ table_name: T, ids: [1, 2, 3, 4, 6, 7] }]);
    const [run] = await live.sql<{ outcome: string }>('SELECT outcome FROM schema_doctor.runs');
    expect(run!.outcome).toBe('applied');

    // And a second run has nothing to do.
    const again = await runCli(['apply', '--url', live.url, '--expected', manifest, '--policies', POLICIES, '--yes', '--degraded']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to repair');
  });

  it('dry run with the same names rehearses every step and changes nothing', async () => {
    const live = await liveDb();
    const before = { snapshot: await snapshot(live), objects: await objects(live), rows: await live.sql(`SELECT * FROM ${T} ORDER BY id`) };
    const r = await runCli(['apply', '--url', live.url, '--expected', manifest, '--policies', POLICIES, '--dry-run']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Rehearsal: every repaired finding would be gone.');
    expect({ snapshot: await snapshot(live), objects: await objects(live), rows: await live.sql(`SELECT * FROM ${T} ORDER BY id`) }).toEqual(before);
  });

  it('the plan script (plan --out) runs under psql, converges, and a second run changes nothing', async () => {
    const live = await liveDb();
    const canaryBefore = await canary(live);
    const file = join(work, `${live.name}.sql`);
    const p = await runCli(['plan', '--url', live.url, '--expected', manifest, '--policies', POLICIES, '--out', file]);
    expect([0, 2], p.stderr).toContain(p.code);
    const first = await psqlFile(file, live.url);
    expect(first.code, first.stderr).toBe(0);
    expect((await diagnose(live)).ids).toEqual([]);
    const second = await psqlFile(file, live.url);
    expect(second.code, second.stderr).toBe(0);
    expect(await mergedRows(live)).toEqual(MERGED);
    expect(await canary(live)).toEqual(canaryBefore);
    expect(await snapshot(live)).toEqual(expectedSnapshot);
  });

  it('--prune archives unexpected objects with hostile names (quotes, semicolons, --, $$, newlines) and touches nothing else', async () => {
    // Unexpected objects in the live database only. (Names containing $sd$ are left out: see the report — the
    // prune steps use a fixed $sd$ dollar quote.)
    const live = await liveDb(`
      CREATE TABLE public."old't;--$$""x" (id integer);
      INSERT INTO public."old't;--$$""x" VALUES (1), (2);
      CREATE TABLE public."nl
DROP TABLE public.canary;
--" (id integer);
      ALTER TABLE public.canary ADD COLUMN "x'c;--$$""" integer;
      UPDATE public.canary SET "x'c;--$$""" = id * 10;
      CREATE INDEX "ix'--;$$""" ON public.canary (note);
      CREATE INDEX "nl
;DROP TABLE public.canary;--" ON public.canary (id, note);
      ALTER TABLE public.canary ADD CONSTRAINT "ck'--;$$""" CHECK (id > 0);
    `);
    const canaryBefore = await canary(live);
    const r = await runCli(['apply', '--url', live.url, '--expected', manifest, '--policies', POLICIES, '--yes', '--degraded', '--prune']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Applied and verified/);
    expect((await diagnose(live)).ids).toEqual([]);
    expect(await canary(live)).toEqual(canaryBefore);
    expect(await snapshot(live)).toEqual(expectedSnapshot);

    // The tables moved into schema_doctor with their rows; the column's values and the dropped definitions recorded.
    const moved = await live.sql<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relnamespace = 'schema_doctor'::regnamespace AND relkind = 'r'
      AND relname NOT IN ('archive', 'runs', 'dropped_objects') ORDER BY 1`);
    expect(moved.map((m) => m.name.replace(/__\d{8}T\d{6}_[0-9a-f]{6}$/, ''))).toEqual(['nl\nDROP TABLE public.canary;\n--', 'old\'t;--$$"x'].sort());
    const oldName = moved.find((m) => m.name.startsWith('old'))!.name;
    expect(await live.sql(`SELECT id FROM schema_doctor."${oldName.replace(/"/g, '""')}" ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
    const column = await live.sql(`SELECT row_data FROM schema_doctor.archive WHERE table_name = 'public.canary' ORDER BY row_data->'key'->>'id'`);
    expect(column).toEqual([{ row_data: { key: { id: 1 }, column: 'x\'c;--$$"', value: 10 } }, { row_data: { key: { id: 2 }, column: 'x\'c;--$$"', value: 20 } }]);
    const dropped = await live.sql<{ object_type: string; definition: string }>('SELECT object_type, definition FROM schema_doctor.dropped_objects ORDER BY object_type, definition');
    expect(dropped.map((d) => d.object_type)).toEqual(['constraint', 'index', 'index']);
  });
});
