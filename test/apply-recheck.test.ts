/**
 * Blocking rows that appear after the probe. The probe found none, so the plan has nothing to merge; the test's
 * session (the "application") holds an open write on the table, so apply waits for its lock inside the transaction;
 * the session then commits a duplicate and lets go. What must happen:
 *   with a policy      the re-check step, right before the constraint and under its lock, merges the duplicate by the
 *                      policy: the run succeeds, nothing is lost, the archive holds the merged rows;
 *   without a policy   the constraint's own check fails on it: BLOCKED_BY_DATA (exit 3), naming table and constraint,
 *                      everything rolled back;
 *   policy, but no degraded mode   the re-check changes nothing and stops the run: BLOCKED_BY_DATA (exit 3).
 * And the plan of a clean table with a policy shows the re-checks, which need no degraded mode.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type CliResult, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const BIN = `${root}bin/schema-doctor.js`;
const work = mkdtempSync(join(tmpdir(), 'sd-apply-recheck-'));
mkdirSync(join(work, 'expected'));
const MANIFEST = join(work, 'expected', 'manifest.json');
const POLICIES = join(work, 'policies.json');
writeFileSync(
  POLICIES,
  JSON.stringify({
    'public.counters': { duplicates: { keep: 'first', merge: { n: 'sum' } } },
    'public.members': { orphans: 'delete', nulls: { label: "'none'" } },
  }),
);

const expectedSql = `
CREATE TABLE public.counters (id integer PRIMARY KEY, k integer NOT NULL, n integer NOT NULL, CONSTRAINT counters_k_key UNIQUE (k));
CREATE TABLE public.teams (id integer PRIMARY KEY);
CREATE TABLE public.members (id integer PRIMARY KEY, team_id integer REFERENCES public.teams, label text NOT NULL);`;
/** The same without the unique key, the foreign key and the NOT NULL; no row blocks any of them. */
const liveSql = `
CREATE TABLE public.counters (id integer PRIMARY KEY, k integer NOT NULL, n integer NOT NULL);
INSERT INTO public.counters SELECT g, g, 10 * g FROM generate_series(1, 5) g;
CREATE TABLE public.teams (id integer PRIMARY KEY);
INSERT INTO public.teams VALUES (1), (2);
CREATE TABLE public.members (id integer PRIMARY KEY, team_id integer, label text);
INSERT INTO public.members VALUES (1, 1, 'a'), (2, 2, 'b');`;
const FINDINGS = ['column_nullability_differs:public.members.label', 'missing_constraint:public.counters.counters_k_key', 'missing_constraint:public.members.members_team_id_fkey'];

const databases: TestDatabase[] = [];
const clients: pg.Client[] = [];
beforeAll(async () => {
  const expected = await createTestDatabase('rchx');
  databases.push(expected);
  await expected.sql(expectedSql);
  const r = await runCli(['snapshot', '--url', expected.url, '--out', MANIFEST]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await Promise.all(databases.map((d) => d.drop()));
});

async function freshDb(): Promise<TestDatabase> {
  const db = await createTestDatabase('rch');
  databases.push(db);
  await db.sql(liveSql);
  return db;
}

const applyArgs = (db: TestDatabase, ...extra: string[]) => ['apply', '--url', db.url, '--expected', MANIFEST, '--yes', '--lock-timeout', '60s', ...extra];

function startCli(args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function findings(db: TestDatabase): Promise<string[]> {
  const r = await runCli(['diagnose', '--url', db.url, '--expected', MANIFEST, '--format', 'json', '--fail-on', 'never']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout).findings as { id: string }[]).map((f) => f.id).sort();
}

const counters = (db: TestDatabase) => db.sql<{ id: number; k: number; n: number }>('SELECT id, k, n FROM public.counters ORDER BY id');
const archived = (db: TestDatabase) =>
  db.sql<{ table_name: string; reason: string; row: { id: number; k: number; n: number } }>(`SELECT table_name, reason, row_data AS row FROM schema_doctor.archive ORDER BY (row_data->>'id')::int`);
const snapshot = async (db: TestDatabase) => (await runCli(['snapshot', '--url', db.url])).stdout;

/**
 * Runs apply while an application session holds an uncommitted duplicate (k = 3) of counters: the probe cannot see
 * it, and the first step that locks counters waits for it. Once apply waits there, the session commits.
 * Returns the run's result and the query apply was waiting in.
 */
async function applyWithLateDuplicate(db: TestDatabase, ...extra: string[]): Promise<{ r: CliResult; waitedIn: string }> {
  const app = new pg.Client({ connectionString: db.url, application_name: 'app-writer' });
  app.on('error', () => undefined);
  await app.connect();
  clients.push(app);
  await app.query('BEGIN');
  await app.query('INSERT INTO public.counters VALUES (6, 3, 7)');
  const run = startCli(applyArgs(db, ...extra));
  const waitedIn = await waitFor('apply to wait for the lock on counters', async () => {
    const [waiting] = await db.sql<{ pid: number }>(`SELECT l.pid FROM pg_locks l WHERE NOT l.granted AND l.relation = 'public.counters'::regclass AND l.pid <> pg_backend_pid()`);
    if (!waiting) return undefined;
    // Read in a statement of its own: pg_stat_activity is a snapshot taken when a statement first reads it.
    const [a] = await db.sql<{ query: string }>(`SELECT query FROM pg_stat_activity WHERE pid = $1 AND application_name = 'schema-doctor' AND wait_event_type = 'Lock'`, [waiting.pid]);
    return a?.query;
  });
  await app.query('COMMIT');
  return { r: await run, waitedIn };
}

describe('a duplicate committed after the probe, while apply waits for its lock', () => {
  it('with a duplicates policy: the re-check under the lock merges it; the run succeeds, nothing is lost, the archive holds the group', async () => {
    const db = await freshDb();
    expect(await findings(db)).toEqual(FINDINGS);
    const { r, waitedIn } = await applyWithLateDuplicate(db, '--policies', POLICIES, '--degraded');
    expect(waitedIn, 'apply waits in the re-check step').toContain('LOCK TABLE public.counters IN SHARE ROW EXCLUSIVE MODE');
    expect(waitedIn).toContain('sd_dup');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/applied\s+\d{3}\s+merge duplicate groups on public\.counters \(k\) found under the lock \(none at probe time\) \(1 rows, /);
    expect(r.stdout).toMatch(/Applied and verified/);
    expect(await findings(db)).toEqual([]);

    // Six rows went in (15 + 7 = 157 counted); the two of k = 3 are one now, with their sum (keep first: id 3).
    const rows = await counters(db);
    expect(rows).toEqual([
      { id: 1, k: 1, n: 10 },
      { id: 2, k: 2, n: 20 },
      { id: 3, k: 3, n: 37 },
      { id: 4, k: 4, n: 40 },
      { id: 5, k: 5, n: 50 },
    ]);
    expect(rows.reduce((s, x) => s + x.n, 0)).toBe(150 + 7);
    // Both rows of the group, as they were before the merge, the removed one included.
    expect(await archived(db)).toEqual([
      { table_name: 'public.counters', reason: 'duplicate on (k): merged into one row (keep first)', row: { id: 3, k: 3, n: 30 } },
      { table_name: 'public.counters', reason: 'duplicate on (k): merged into one row (keep first)', row: { id: 6, k: 3, n: 7 } },
    ]);
    // Nothing else changed rows.
    expect(await db.sql('SELECT id, team_id, label FROM public.members ORDER BY id')).toEqual([
      { id: 1, team_id: 1, label: 'a' },
      { id: 2, team_id: 2, label: 'b' },
    ]);
  });

  it('without a policy: exit 3 BLOCKED_BY_DATA naming the table and the constraint; rolled back, nothing changed', async () => {
    const db = await freshDb();
    const schemaBefore = await snapshot(db);
    const rowsBefore = await counters(db);
    const { r, waitedIn } = await applyWithLateDuplicate(db);
    expect(waitedIn, 'apply waits in the constraint step').toContain('ADD CONSTRAINT counters_k_key UNIQUE (k)');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(3);
    expect(r.stderr).toMatch(
      /^error \[BLOCKED_BY_DATA\]: Step \d{3} is blocked by data that appeared after the probe \(it found none\): rows of public\.counters block the unique constraint counters_k_key: could not create unique index "counters_k_key" \(Key \(k\)=\(3\) is duplicated\)\. Everything was rolled back: nothing was changed\.\n/,
    );
    expect(r.stderr).toMatch(/\nhint: .*policy/);
    expect(r.stderr).not.toMatch(/APPLY_FAILED|\n\s+at /);
    expect(r.stdout).toMatch(/failed\s+\d{3}\s+add constraint counters_k_key on public\.counters/);
    expect(r.stdout).toMatch(/rolled_back\s+\d{3}\s+set NOT NULL on public\.members\.label/);

    // As before, plus the application's row: no constraint, no merge, nothing archived; the run is recorded.
    expect(await snapshot(db)).toBe(schemaBefore);
    expect(await counters(db)).toEqual([...rowsBefore, { id: 6, k: 3, n: 7 }]);
    expect(await findings(db)).toEqual(FINDINGS);
    expect(await db.sql('SELECT count(*)::int AS n FROM schema_doctor.archive')).toEqual([{ n: 0 }]);
    expect(await db.sql('SELECT outcome FROM schema_doctor.runs')).toEqual([{ outcome: 'failed' }]);
  });

  it('with a policy but without degraded mode: the re-check changes nothing and stops the run (exit 3 BLOCKED_BY_DATA)', async () => {
    const db = await freshDb();
    const schemaBefore = await snapshot(db);
    const rowsBefore = await counters(db);
    const { r, waitedIn } = await applyWithLateDuplicate(db, '--policies', POLICIES);
    expect(waitedIn).toContain('sd_dup');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(3);
    expect(r.stderr).toMatch(
      /^error \[BLOCKED_BY_DATA\]: Step \d{3} is blocked by data that appeared after the probe \(it found none\): rows of public\.counters block the unique constraint counters_k_key: 1 duplicate group\(s\) on \(k\) of public\.counters found under the lock \(none at probe time\); the policy changes rows only in degraded mode\. Everything was rolled back: nothing was changed\.\n/,
    );
    expect(r.stderr).toMatch(/\nhint: .*--degraded/);
    expect(await snapshot(db)).toBe(schemaBefore);
    expect(await counters(db)).toEqual([...rowsBefore, { id: 6, k: 3, n: 7 }]);
    expect(await db.sql('SELECT count(*)::int AS n FROM schema_doctor.archive')).toEqual([{ n: 0 }]);
  });
});

describe('a table with a policy and no blocking rows', () => {
  it('plan shows a re-check right before each repair, without degraded mode; apply runs without --degraded', async () => {
    const db = await freshDb();
    const plan = await runCli(['plan', '--url', db.url, '--expected', MANIFEST, '--policies', POLICIES]);
    expect(plan.code, plan.stderr).toBe(2);
    const lines = plan.stdout.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const pairs: [RegExp, RegExp, string][] = [
      [/^\d{3}  fill NULLs in public\.members\.label found under the lock \(none at probe time\)$/, /^\d{3}  set NOT NULL on public\.members\.label$/, 'REWRITES_ROWS · BLOCKS_WRITES'],
      [
        /^\d{3}  merge duplicate groups on public\.counters \(k\) found under the lock \(none at probe time\)$/,
        /^\d{3}  add constraint counters_k_key on public\.counters$/,
        'DELETES_DATA · REWRITES_ROWS · BLOCKS_WRITES',
      ],
      [
        /^\d{3}  delete orphan rows of public\.members for members_team_id_fkey found under the lock \(none at probe time\)$/,
        /^\d{3}  add constraint members_team_id_fkey on public\.members$/,
        'DELETES_DATA · BLOCKS_WRITES',
      ],
    ];
    for (const [recheck, repair, hazards] of pairs) {
      const i = at(recheck);
      expect(i, `${recheck}\n${plan.stdout}`).toBeGreaterThanOrEqual(0);
      expect(lines[i + 1]).toBe(`     [tx · SHARE ROW EXCLUSIVE · ${hazards}] repairs ${lines[i + 1]!.slice(lines[i + 1]!.indexOf('repairs ') + 8)}`);
      expect(lines[i + 1]).not.toContain('NEEDS DEGRADED MODE');
      expect(at(repair), `the repair right after the re-check\n${plan.stdout}`).toBe(i + 2);
    }
    expect(plan.stdout).not.toContain('NEEDS DEGRADED MODE');
    expect(plan.stdout).not.toContain('Refused');

    // No step needs degraded mode: apply goes ahead without it; the re-checks find nothing and change nothing.
    const r = await runCli(['apply', '--url', db.url, '--expected', MANIFEST, '--policies', POLICIES, '--yes']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/applied\s+\d{3}\s+merge duplicate groups on public\.counters \(k\) found under the lock \(none at probe time\) \(\d+ ms\)/);
    expect(await findings(db)).toEqual([]);
    expect(await db.sql('SELECT count(*)::int AS n FROM schema_doctor.archive')).toEqual([{ n: 0 }]);
  });

  it('without a policy, plan has no re-check step: the repair checks the rows itself', async () => {
    const db = await freshDb();
    const plan = await runCli(['plan', '--url', db.url, '--expected', MANIFEST, '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(2);
    const steps = JSON.parse(plan.stdout).steps as { summary: string; recheck?: true; blockedByData?: { table: string; target: string } }[];
    expect(steps.filter((s) => s.recheck)).toEqual([]);
    expect(steps.find((s) => s.summary === 'add constraint counters_k_key on public.counters')?.blockedByData).toEqual({
      table: 'public.counters',
      target: 'unique constraint counters_k_key',
      kinds: [{ kind: 'duplicates', probe: 'none_found' }],
    });
  });
});
