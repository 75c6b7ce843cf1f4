/**
 * The `rekey` duplicates policy ({"duplicates": {"rekey": true}}): nothing is deleted. In each group of rows that
 * share a surrogate key, the first row (lowest ctid) keeps its key and every other row, archived first, gets a
 * fresh value from the column's own default (a nextval() default or an identity), so the primary key can be added.
 * Refused up front (exit 3, nothing changed) when the key column has no such default, when the key is composite,
 * and when another table references the key (here: a foreign key the manifest has). And, like the other policies, it
 * re-checks under the lock: a duplicate committed after the probe, while apply waits for the lock, is rekeyed too.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type CliResult, type TestDatabase } from './support/db.js';

const work = mkdtempSync(join(tmpdir(), 'sd-rekey-'));
mkdirSync(join(work, 'expected'));
const MANIFEST = join(work, 'expected', 'manifest.json');
const POLICIES = join(work, 'policies.json');
const rekey = { duplicates: { rekey: true } };
writeFileSync(
  POLICIES,
  JSON.stringify({
    'public.items': rekey,
    'public.events': rekey,
    'public.plain': rekey,
    'public.pairs': rekey,
    'public.parents': rekey,
  }),
);

const expectedSql = `
CREATE TABLE public.items (id serial PRIMARY KEY, label text NOT NULL, qty integer);
CREATE TABLE public.events (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
CREATE TABLE public.plain (id integer PRIMARY KEY, v text);
CREATE TABLE public.pairs (a serial, b integer, v text, PRIMARY KEY (a, b));
CREATE TABLE public.parents (id serial PRIMARY KEY, name text);
CREATE TABLE public.children (id serial PRIMARY KEY, parent_id integer REFERENCES public.parents (id));`;

const transcript = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
const databases: TestDatabase[] = [];

beforeAll(async () => {
  const expected = await createTestDatabase('rkx');
  databases.push(expected);
  await expected.sql(expectedSql);
  const r = await runCli(['snapshot', '--url', expected.url, '--out', MANIFEST]);
  expect(r.code, r.stderr).toBe(0);
});
const clients: pg.Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await Promise.all(databases.map((d) => d.drop()));
});

/** The expected schema, then `broken`: the drift and the duplicates of one scenario. */
async function liveDb(broken: string): Promise<TestDatabase> {
  const db = await createTestDatabase('rk');
  databases.push(db);
  await db.sql(expectedSql);
  await db.sql(broken);
  return db;
}

const apply = (db: TestDatabase, ...extra: string[]) => runCli(['apply', '--url', db.url, '--expected', MANIFEST, '--policies', POLICIES, '--yes', '--degraded', ...extra]);

async function findings(db: TestDatabase): Promise<string[]> {
  const r = await runCli(['diagnose', '--url', db.url, '--expected', MANIFEST, '--format', 'json', '--fail-on', 'never']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout).findings as { id: string }[]).map((f) => f.id).sort();
}

const snapshot = async (db: TestDatabase) => (await runCli(['snapshot', '--url', db.url])).stdout;
const rows = (db: TestDatabase, table: string) => db.sql(`SELECT * FROM ${table} t ORDER BY t::text`);

/** Everything a refused apply must leave as it was. */
async function state(db: TestDatabase) {
  return { schema: await snapshot(db), plain: await rows(db, 'public.plain'), pairs: await rows(db, 'public.pairs'), parents: await rows(db, 'public.parents') };
}

describe('duplicates policy rekey', () => {
  it('keeps every row: the first of each group keeps its key, the others get fresh ones (archived first); the key is added, diagnose is clean', async () => {
    const db = await liveDb(`
      ALTER TABLE public.items DROP CONSTRAINT items_pkey;
      INSERT INTO public.items (id, label, qty) VALUES (1, 'apple', 3), (2, 'pear', 1), (2, 'plum', 4), (3, 'fig', 2), (3, 'kiwi', 5), (3, 'lime', NULL);
      SELECT setval('public.items_id_seq', 3);
      ALTER TABLE public.events DROP CONSTRAINT events_pkey;
      INSERT INTO public.events (id, note) OVERRIDING SYSTEM VALUE VALUES (1, 'opened'), (1, 'closed');
      SELECT setval(pg_get_serial_sequence('public.events', 'id'), 1);`);
    expect(await findings(db)).toEqual(['missing_primary_key:public.events.events_pkey', 'missing_primary_key:public.items.items_pkey']);
    const itemsBefore = await db.sql<{ label: string; qty: number | null }>('SELECT label, qty FROM public.items ORDER BY label');

    const plan = await runCli(['plan', '--url', db.url, '--expected', MANIFEST, '--policies', POLICIES]);
    expect(plan.code, transcript(plan)).toBe(2);
    expect(plan.stdout).toMatch(/rekey 2 duplicate groups on public\.items \(id\)\n\s+\[tx · SHARE ROW EXCLUSIVE · REWRITES_ROWS · BLOCKS_WRITES · NEEDS DEGRADED MODE\]/);
    expect(plan.stdout).not.toContain('DELETES_DATA');

    const r = await apply(db);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stdout).toMatch(/applied\s+\d{3}\s+rekey 2 duplicate groups on public\.items \(id\) \(3 rows, /);
    expect(r.stdout).toMatch(/applied\s+\d{3}\s+rekey 1 duplicate groups on public\.events \(id\) \(1 rows, /);
    expect(r.stdout).toMatch(/Applied and verified/);
    expect(await findings(db)).toEqual([]);

    // Every row survived, with its non-key values; the first of each group (insertion order) kept its key.
    const items = await db.sql<{ id: number; label: string; qty: number | null }>('SELECT id, label, qty FROM public.items ORDER BY id');
    expect(items.length).toBe(6);
    expect([...items].map(({ label, qty }) => ({ label, qty })).sort((a, b) => a.label.localeCompare(b.label))).toEqual(itemsBefore);
    expect(items.slice(0, 3)).toEqual([
      { id: 1, label: 'apple', qty: 3 },
      { id: 2, label: 'pear', qty: 1 },
      { id: 3, label: 'fig', qty: 2 },
    ]);
    expect(items.slice(3).map((x) => x.id)).toEqual([4, 5, 6]); // fresh values from items_id_seq
    expect(
      items
        .slice(3)
        .map((x) => x.label)
        .sort(),
    ).toEqual(['kiwi', 'lime', 'plum']);
    expect(await db.sql('SELECT id, note FROM public.events ORDER BY id')).toEqual([
      { id: 1, note: 'opened' },
      { id: 2, note: 'closed' },
    ]);

    const [pk] = await db.sql(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'items_pkey'`);
    expect(pk).toEqual({ def: 'PRIMARY KEY (id)' });

    // The rekeyed rows, as they were (with their old key), and only those, are archived.
    const archived = await db.sql(`SELECT table_name, reason, row_data AS row FROM schema_doctor.archive ORDER BY table_name, row_data->>'label', row_data->>'note'`);
    const reasonItems = 'duplicate on (id): rekeyed (new id from the column default)';
    expect(archived).toEqual([
      { table_name: 'public.events', reason: reasonItems, row: { id: 1, note: 'closed' } },
      { table_name: 'public.items', reason: reasonItems, row: { id: 3, label: 'kiwi', qty: 5 } },
      { table_name: 'public.items', reason: reasonItems, row: { id: 3, label: 'lime', qty: null } },
      { table_name: 'public.items', reason: reasonItems, row: { id: 2, label: 'plum', qty: 4 } },
    ]);

    // A second apply has nothing to do.
    const again = await apply(db);
    expect(again.code, transcript(again)).toBe(0);

    // Undone as docs/restore.md says: every row gets its old key back (matched by its other columns).
    await db.sql(`BEGIN;
      ALTER TABLE public.items DROP CONSTRAINT items_pkey;
      UPDATE public.items t SET id = (a.row_data->>'id')::integer FROM schema_doctor.archive a
       WHERE a.table_name = 'public.items' AND a.reason LIKE 'duplicate on (id): rekeyed%' AND to_jsonb(t.*) - 'id' = a.row_data - 'id';
      COMMIT;`);
    expect(await db.sql('SELECT id, label FROM public.items ORDER BY label')).toEqual([
      { id: 1, label: 'apple' },
      { id: 3, label: 'fig' },
      { id: 3, label: 'kiwi' },
      { id: 3, label: 'lime' },
      { id: 2, label: 'pear' },
      { id: 2, label: 'plum' },
    ]);
  });

  const refusals: [string, string, RegExp][] = [
    [
      'the key column has no default',
      `
      ALTER TABLE public.plain DROP CONSTRAINT plain_pkey;
      INSERT INTO public.plain VALUES (1, 'a'), (1, 'b'), (2, 'c');`,
      /missing_primary_key:public\.plain\.plain_pkey: 1 duplicate group \(1 surplus row\) on \(id\) cannot be rekeyed: column id has no identity and no nextval\(\) default/,
    ],
    [
      'the key is composite',
      `
      ALTER TABLE public.pairs DROP CONSTRAINT pairs_pkey;
      INSERT INTO public.pairs VALUES (1, 1, 'a'), (1, 1, 'b'), (2, 1, 'c');`,
      /missing_primary_key:public\.pairs\.pairs_pkey: 1 duplicate group \(1 surplus row\) on \(a, b\) cannot be rekeyed: the key has 2 columns; rekey needs a single-column key/,
    ],
    [
      'another table references the key',
      `
      ALTER TABLE public.parents DROP CONSTRAINT parents_pkey CASCADE;
      INSERT INTO public.parents (id, name) VALUES (1, 'a'), (1, 'b'), (2, 'c');
      SELECT setval('public.parents_id_seq', 2);
      INSERT INTO public.children (parent_id) VALUES (1), (2);`,
      /missing_primary_key:public\.parents\.parents_pkey: 1 duplicate group \(1 surplus row\) on \(id\) cannot be rekeyed: public\.children references public\.parents \(id\) through a foreign key/,
    ],
  ];

  it.each(refusals)('refuses up front when %s: exit 3, nothing changed, the reason named', async (_, broken, reason) => {
    const db = await liveDb(broken);
    const before = await state(db);
    const r = await apply(db);
    expect(r.code, transcript(r)).toBe(3);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).toContain('error [BLOCKED_BY_DATA]');
    expect(r.stderr).toContain('nothing was changed');
    expect(await state(db)).toEqual(before);
    expect(await db.sql(`SELECT to_regnamespace('schema_doctor') IS NULL AS none`)).toEqual([{ none: true }]);
  });

  it('rejects rekey together with keep or merge (POLICIES_INVALID, exit 5)', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 'public.items': { duplicates: { rekey: true, keep: 'first' } } }));
    const r = await runCli(['plan', '--url', 'postgresql://127.0.0.1:1/none', '--expected', MANIFEST, '--policies', bad]);
    expect(r.code, transcript(r)).toBe(5);
    expect(r.stderr).toContain('POLICIES_INVALID');
    expect(r.stderr).toContain('$["public.items"].duplicates');
  });

  it('re-checks under the lock: a duplicate key committed after the probe, while apply waits for the lock, is rekeyed', async () => {
    const db = await liveDb(`
      ALTER TABLE public.items DROP CONSTRAINT items_pkey;
      INSERT INTO public.items (label, qty) VALUES ('apple', 3), ('pear', 1);`);
    // The application's session: an uncommitted row that reuses key 2 (the probe cannot see it).
    const app = new pg.Client({ connectionString: db.url, application_name: 'app-writer' });
    app.on('error', () => undefined);
    await app.connect();
    clients.push(app);
    await app.query('BEGIN');
    await app.query(`INSERT INTO public.items (id, label, qty) VALUES (2, 'late', 9)`);
    const child = spawn(
      process.execPath,
      [new URL('../bin/schema-doctor.js', import.meta.url).pathname, 'apply', '--url', db.url, '--expected', MANIFEST, '--policies', POLICIES, '--yes', '--degraded', '--lock-timeout', '60s'],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, LANG: 'C.UTF-8' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    let waitedIn: string | undefined;
    for (const until = Date.now() + 90_000; waitedIn === undefined && Date.now() < until; ) {
      const [a] = await db.sql<{ query: string }>(
        `SELECT a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE NOT l.granted AND l.relation = 'public.items'::regclass AND a.application_name = 'schema-doctor'`,
      );
      waitedIn = a?.query;
      if (waitedIn === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    await app.query('COMMIT');
    const code = await done;
    expect(waitedIn, 'apply waits in the rekey re-check').toContain('LOCK TABLE public.items IN SHARE ROW EXCLUSIVE MODE');
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(stdout).toMatch(/applied\s+\d{3}\s+rekey duplicate groups on public\.items \(id\) found under the lock \(none at probe time\) \(1 rows, /);
    expect(await db.sql('SELECT id, label, qty FROM public.items ORDER BY id')).toEqual([
      { id: 1, label: 'apple', qty: 3 },
      { id: 2, label: 'pear', qty: 1 },
      { id: 3, label: 'late', qty: 9 },
    ]);
    expect(await db.sql('SELECT row_data AS row FROM schema_doctor.archive')).toEqual([{ row: { id: 2, label: 'late', qty: 9 } }]);
    expect(await findings(db)).toEqual([]);
  });
});
