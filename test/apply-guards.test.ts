/**
 * The guards of `apply`, through the real CLI on real databases: confirmation, one apply at a time (advisory lock),
 * lock timeout, stale plan, dry run, degraded mode, --only-safe, and the run history.
 * Every case gets fresh databases; "nothing changed" is checked on the schema (snapshot JSON) and on the data
 * (an md5 over every row of every user table).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type CliResult, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const BIN = `${root}bin/schema-doctor.js`;
const EXPECTED = `${root}expected-schema`;
const bookView = readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8');
const UNIQUE_ID = 'missing_constraint:public.book_view_statistics.book_view_statistics_book_id_view_type_unique';
/** The advisory lock key of apply: 'sdoc', 'appl' as two int4 (src/apply/guards.ts). */
const LOCK_A = Buffer.from('sdoc').readInt32BE();
const LOCK_B = Buffer.from('appl').readInt32BE();

const work = mkdtempSync(join(tmpdir(), 'sd-apply-guards-'));
const POLICIES = join(work, 'policies.json');
writeFileSync(
  POLICIES,
  JSON.stringify({
    'public.book_view_statistics': { duplicates: { keep: 'latest:last_viewed_at', merge: { view_count: 'sum', last_viewed_at: 'max', created_at: 'min' } } },
  }),
);

const databases: TestDatabase[] = [];
const clients: pg.Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await Promise.all(databases.map((d) => d.drop()));
});

async function freshDb(sql = bookView): Promise<TestDatabase> {
  const db = await createTestDatabase('guard');
  databases.push(db);
  await db.sql(sql);
  return db;
}

/** A separate session (a "colleague" or the application) that can hold locks. */
async function session(url: string, applicationName = 'guards-test-holder'): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: rows[0]!.pid };
}

const applyArgs = (db: TestDatabase, ...extra: string[]) => ['apply', '--url', db.url, '--expected', EXPECTED, '--policies', POLICIES, ...extra];

/** Like runCli, but returns at once: the caller decides when to wait. */
function startCli(args: string[], env: Record<string, string> = {}): { pid: number; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, LANG: 'C.UTF-8', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })));
  return { pid: child.pid!, done };
}

/** md5 over every row of every user table (schema_doctor's own tables excluded), keyed by table. */
async function checksums(db: TestDatabase): Promise<Record<string, string>> {
  const tables = await db.sql<{ t: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables
     WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'schema_doctor') ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [row] = await db.sql<{ md5: string }>(`SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS md5 FROM ${t} t`);
    out[t] = row!.md5;
  }
  return out;
}

async function snapshot(db: TestDatabase): Promise<string> {
  const r = await runCli(['snapshot', '--url', db.url]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

async function state(db: TestDatabase): Promise<{ schema: string; data: Record<string, string> }> {
  return { schema: await snapshot(db), data: await checksums(db) };
}

async function bookkeepingExists(db: TestDatabase): Promise<boolean> {
  const [r] = await db.sql<{ ok: boolean }>(`SELECT to_regnamespace('schema_doctor') IS NOT NULL AS ok`);
  return r!.ok;
}

async function findings(db: TestDatabase, expected = EXPECTED): Promise<string[]> {
  const r = await runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'json', '--fail-on', 'never']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout).findings as { id: string }[]).map((f) => f.id);
}

/** Polls until `check` returns a value, or fails after `ms`. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The apply backends of a database that wait for a lock. */
async function applyWaitingOnLock(db: TestDatabase): Promise<number | undefined> {
  const rows = await db.sql<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'schema-doctor' AND wait_event_type = 'Lock'`);
  return rows[0]?.pid;
}

describe('apply: confirmation', () => {
  it('without --yes and without a terminal: exit 5 CONFIRMATION_NEEDED, nothing changed', async () => {
    const db = await freshDb();
    const before = await state(db);
    const r = await runCli(applyArgs(db, '--degraded'));
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error \[CONFIRMATION_NEEDED\]: /);
    expect(r.stderr).toContain('hint: ');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await state(db)).toEqual(before);
    expect(await bookkeepingExists(db)).toBe(false);
  });
});

describe('apply: one at a time', () => {
  it('the advisory lock held by another session: exit 3 APPLY_LOCKED at once, naming the holder pid; applies once it is released', async () => {
    const db = await freshDb();
    const before = await state(db);
    const holder = await session(db.url, 'lock-holder');
    await holder.client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_A, LOCK_B]);

    const started = Date.now();
    const r = await runCli(applyArgs(db, '--yes', '--degraded', '--lock-timeout', '30s'));
    expect(r.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(15_000); // refused at once, not after a lock wait
    expect(r.stderr).toMatch(/^error \[APPLY_LOCKED\]: /);
    expect(r.stderr).toContain(`pid ${holder.pid}`);
    expect(r.stderr).toContain('lock-holder');
    expect(r.stdout).toBe(''); // refused before the plan is even printed
    expect(await state(db)).toEqual(before);
    expect(await bookkeepingExists(db)).toBe(false);

    await holder.client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_A, LOCK_B]);
    const ok = await runCli(applyArgs(db, '--yes', '--degraded'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Applied and verified \(run \S+\)\./);
  });

  it('two applies started together while the first is held up by a row lock: exactly one applies, the other is APPLY_LOCKED', async () => {
    const db = await freshDb();
    const before = await state(db);
    // The "application" holds ROW EXCLUSIVE (an open write transaction): analysis reads go on, the data step's
    // SHARE ROW EXCLUSIVE waits. Whichever apply wins the advisory lock is held up there until we let go.
    const app = await session(db.url, 'app-writer');
    await app.client.query('BEGIN');
    await app.client.query('LOCK TABLE public.book_view_statistics IN ROW EXCLUSIVE MODE');

    const a = startCli(applyArgs(db, '--yes', '--degraded', '--lock-timeout', '60s'));
    const b = startCli(applyArgs(db, '--yes', '--degraded', '--lock-timeout', '60s'));
    const results: (CliResult | undefined)[] = [undefined, undefined];
    void a.done.then((r) => (results[0] = r));
    void b.done.then((r) => (results[1] = r));

    // One of them must give up at once while the other waits for the table lock.
    const waitingPid = await waitFor('an apply waiting for the table lock', () => applyWaitingOnLock(db));
    const loserIndex = await waitFor('one apply to be refused', async () => {
      const i = results.findIndex((r) => r !== undefined);
      return i >= 0 ? i : undefined;
    });
    const loser = results[loserIndex]!;
    expect(loser.code).toBe(3);
    expect(loser.stderr).toMatch(/^error \[APPLY_LOCKED\]: /);
    // The refusal names the holder of the apply lock: a schema-doctor backend (the waiting one, or the winner's
    // main connection when the lock wait is seen on another of its sessions).
    expect(waitingPid).toBeGreaterThan(0);
    expect(loser.stderr).toMatch(/pid \d+, user /);
    expect(loser.stderr).toContain('application schema-doctor');
    expect(await checksums(db)).toEqual(before.data); // the winner is still waiting: nothing committed

    await app.client.query('ROLLBACK');
    const winner = await (loserIndex === 0 ? b : a).done;
    expect(winner.code, winner.stderr).toBe(0);
    expect(winner.stdout).toMatch(/Applied and verified/);
    expect(await findings(db)).toEqual([]);
  });

  it('two applies started at the same instant with nothing in the way: one applies; the other is APPLY_LOCKED or finds nothing to repair', async () => {
    const db = await freshDb();
    const a = startCli(applyArgs(db, '--yes', '--degraded'));
    const b = startCli(applyArgs(db, '--yes', '--degraded'));
    const rs = await Promise.all([a.done, b.done]);
    const applied = rs.filter((r) => r.code === 0 && /Applied and verified/.test(r.stdout));
    expect(applied, rs.map((r) => `${r.code}: ${r.stdout}${r.stderr}`).join('\n---\n')).toHaveLength(1);
    const other = rs.find((r) => r !== applied[0])!;
    if (other.code === 3) expect(other.stderr).toMatch(/^error \[APPLY_LOCKED\]: Another schema-doctor apply is running on this database \(pid \d+/);
    else {
      expect(other.code).toBe(0);
      expect(other.stdout).toContain('Nothing to repair');
    }
    expect(await findings(db)).toEqual([]);
    const [stats] = await db.sql<{ n: number; views: number }>('SELECT count(*)::int AS n, sum(view_count)::int AS views FROM public.book_view_statistics');
    expect(stats).toEqual({ n: 7, views: 59 }); // merged exactly once
  });
});

describe('apply: lock timeout', () => {
  it('a session holding ACCESS SHARE makes the ACCESS EXCLUSIVE step time out: exit 4, names the blocker, nothing changed', async () => {
    const db = await freshDb();
    const before = await state(db);
    const reader = await session(db.url, 'long-report');
    await reader.client.query('BEGIN');
    await reader.client.query('LOCK TABLE public.book_view_statistics IN ACCESS SHARE MODE');

    const started = Date.now();
    const r = await runCli(applyArgs(db, '--yes', '--degraded', '--lock-timeout', '500ms'));
    expect(r.code).toBe(4);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.stderr).toMatch(/^error \[APPLY_FAILED\]: Step \d{3} failed: canceling statement due to lock timeout \(SQLSTATE 55P03\)\./);
    expect(r.stderr).toContain(`pid ${reader.pid} (`);
    expect(r.stderr).toContain('long-report');
    expect(r.stderr).toContain('Everything was rolled back: nothing was changed.');
    expect(r.stderr).toContain('raise --lock-timeout');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // The data step ran and was undone with the rest.
    expect(r.stdout).toMatch(/rolled_back\s+001\s+merge 3 duplicate groups/);
    expect(r.stdout).toMatch(/failed\s+002\s+add constraint book_view_statistics_book_id_view_type_unique/);

    expect(await state(db)).toEqual(before);
    await reader.client.query('ROLLBACK');
    // A failed run is still recorded (docs/apply.md), with nothing archived.
    const runs = await db.sql<{ outcome: string; detail: string }>('SELECT outcome, detail FROM schema_doctor.runs');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.outcome).toBe('failed');
    expect(runs[0]!.detail).toContain('lock timeout');
    expect(await db.sql('SELECT * FROM schema_doctor.archive')).toEqual([]);
  });
});

describe('apply: stale plan', () => {
  it('the schema changed since plan --out: exit 3 STALE_PLAN, nothing changed', async () => {
    const db = await freshDb();
    const file = join(work, `${db.name}.sql`);
    const plan = await runCli(['plan', '--url', db.url, '--expected', EXPECTED, '--policies', POLICIES, '--out', file]);
    expect([0, 2]).toContain(plan.code);
    expect(readFileSync(file, 'utf8')).toMatch(/^-- schema-fingerprint: [0-9a-f]{64}$/m);

    await db.sql('ALTER TABLE public.users ADD COLUMN nickname text');
    const before = await state(db);
    const r = await runCli(applyArgs(db, '--plan', file, '--yes', '--degraded'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error \[STALE_PLAN\]: The schema changed since .* was made/);
    expect(await state(db)).toEqual(before);
    expect(await bookkeepingExists(db)).toBe(false);
  });

  it('with the schema unchanged, apply --plan proceeds', async () => {
    const db = await freshDb();
    const file = join(work, `${db.name}.sql`);
    await runCli(['plan', '--url', db.url, '--expected', EXPECTED, '--policies', POLICIES, '--out', file]);
    const r = await runCli(applyArgs(db, '--plan', file, '--yes', '--degraded'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Applied and verified/);
    expect(await findings(db)).toEqual([]);
  });

  it('a file that is not a plan is a usage error (exit 5), before anything changes', async () => {
    const db = await freshDb();
    const before = await state(db);
    const file = join(work, `${db.name}-not-a-plan.sql`);
    writeFileSync(file, 'SELECT 1;\n');
    const r = await runCli(applyArgs(db, '--plan', file, '--yes', '--degraded'));
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error \[PLAN_INVALID\]/);
    expect(await state(db)).toEqual(before);
  });
});

describe('apply: dry run', () => {
  it('rehearses the repair and changes nothing: same schema, same rows, no schema_doctor schema', async () => {
    const db = await freshDb();
    const before = await state(db);
    const r = await runCli(applyArgs(db, '--dry-run'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/rehearsed 001\s+merge 3 duplicate groups .*\(4 rows/);
    expect(r.stdout).toContain('Rehearsal: every repaired finding would be gone. Rolled back: nothing was changed.');
    expect(r.stdout).toContain('The real run needs degraded mode for steps 001.');
    expect(await state(db)).toEqual(before);
    expect(await bookkeepingExists(db)).toBe(false);
    expect(await findings(db)).toEqual([UNIQUE_ID]);
  });

  it('leaves an existing schema_doctor schema (history and archive) exactly as it was', async () => {
    const db = await freshDb();
    expect((await runCli(applyArgs(db, '--yes', '--degraded'))).code).toBe(0);
    await db.sql('DROP INDEX public.book_view_statistics_view_type_idx; ALTER TABLE public.books ALTER COLUMN updated_at DROP DEFAULT');
    const bookkeeping = async () =>
      db.sql(`SELECT (SELECT md5(string_agg(r::text, ',' ORDER BY r::text)) FROM schema_doctor.runs r) AS runs,
      (SELECT md5(string_agg(a::text, ',' ORDER BY a::text)) FROM schema_doctor.archive a) AS archive,
      (SELECT count(*) FROM schema_doctor.dropped_objects) AS dropped`);
    const before = { ...(await state(db)), bookkeeping: await bookkeeping() };
    const r = await runCli(applyArgs(db, '--dry-run'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Rehearsal: every repaired finding would be gone.');
    expect({ ...(await state(db)), bookkeeping: await bookkeeping() }).toEqual(before);
  });
});

describe('apply: degraded mode', () => {
  it('is required for the data step: exit 3 DEGRADED_MODE_REQUIRED without it (also with DEGRADED_MODE=0), nothing changed', async () => {
    const db = await freshDb();
    const before = await state(db);
    for (const env of [{}, { DEGRADED_MODE: '0' }, { DEGRADED_MODE: '' }]) {
      const r = await runCli(applyArgs(db, '--yes'), env);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('Steps that need degraded mode:\n  001  merge 3 duplicate groups');
      expect(r.stderr).toMatch(/error \[DEGRADED_MODE_REQUIRED\]: 1 step\(s\) .* degraded mode is not confirmed; nothing was changed\./);
    }
    expect(await state(db)).toEqual(before);
    expect(await bookkeepingExists(db)).toBe(false);
  });

  it('DEGRADED_MODE=1 confirms it', async () => {
    const db = await freshDb();
    const r = await runCli(applyArgs(db, '--yes'), { DEGRADED_MODE: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/applied\s+001\s+merge 3 duplicate groups/);
    expect(await findings(db)).toEqual([]);
  });

  it("SCHEMA_DOCTOR_DEGRADED_CHECK='true' confirms it; 'false' does not (exit 3, says the check exited 1)", async () => {
    const refused = await freshDb();
    const before = await state(refused);
    const no = await runCli(applyArgs(refused, '--yes'), { SCHEMA_DOCTOR_DEGRADED_CHECK: 'false' });
    expect(no.code).toBe(3);
    expect(no.stderr).toMatch(/error \[DEGRADED_MODE_REQUIRED\]: .*degraded mode is check command exited 1; nothing was changed\./);
    expect(await state(refused)).toEqual(before);

    const db = await freshDb();
    const yes = await runCli(applyArgs(db, '--yes'), { SCHEMA_DOCTOR_DEGRADED_CHECK: 'true' });
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toMatch(/Applied and verified/);
    expect(await findings(db)).toEqual([]);
  });
});

describe('apply: --only-safe', () => {
  // A missing NOT NULL column with a volatile default rewrites a table that has rows: it needs degraded mode.
  // The missing index beside it does not. (For the book-view incident, see the report: --only-safe drops the data
  // step but keeps the ADD CONSTRAINT that depends on it, which then fails on the duplicates.)
  const expectedSql = `CREATE TABLE public.items (id integer PRIMARY KEY, token uuid NOT NULL DEFAULT gen_random_uuid(), name text);
    CREATE INDEX items_name_idx ON public.items (name);`;
  const liveSql = `CREATE TABLE public.items (id integer PRIMARY KEY, name text);
    INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 100) g;`;

  it('applies the steps that need no degraded mode and leaves the rest; diagnose still shows the one left', async () => {
    const expectedDb = await freshDb(expectedSql);
    const manifest = join(work, `${expectedDb.name}.json`);
    expect((await runCli(['snapshot', '--url', expectedDb.url, '--out', manifest])).code).toBe(0);
    const db = await freshDb(liveSql);
    const rowsBefore = await checksums(db);

    const refused = await runCli(['apply', '--url', db.url, '--expected', manifest, '--yes']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('DEGRADED_MODE_REQUIRED');

    const r = await runCli(['apply', '--url', db.url, '--expected', manifest, '--yes', '--only-safe']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/applied\s+\d{3}\s+create index items_name_idx on public\.items/);
    expect(r.stdout).not.toMatch(/add column public\.items\.token/);
    expect(r.stdout).toMatch(/Applied and verified/);
    expect(await findings(db, manifest)).toEqual(['missing_column:public.items.token']);
    expect(await checksums(db)).toEqual(rowsBefore);
  });
});

describe('apply: history', () => {
  it("a successful apply leaves a row in schema_doctor.runs: outcome 'applied', operator, host, plan hash, steps; the archive holds the merged rows", async () => {
    const db = await freshDb();
    const file = join(work, `${db.name}.sql`);
    await runCli(['plan', '--url', db.url, '--expected', EXPECTED, '--policies', POLICIES, '--out', file]);
    const fingerprint = /^-- schema-fingerprint: ([0-9a-f]{64})$/m.exec(readFileSync(file, 'utf8'))![1];

    const r = await runCli(applyArgs(db, '--yes', '--degraded'));
    expect(r.code, r.stderr).toBe(0);
    const runId = /Applied and verified \(run (\S+)\)\./.exec(r.stdout)![1]!;
    expect(runId).toMatch(/^\d{8}T\d{6}-[0-9a-f]{6}$/);

    const runs = await db.sql(`SELECT run_id, operator, host, plan_hash, dry_run, steps, rows_affected::int AS rows_affected, outcome, detail,
      finished_at >= started_at AS ordered FROM schema_doctor.runs`);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      run_id: runId,
      operator: userInfo().username,
      host: hostname(),
      plan_hash: fingerprint,
      dry_run: false,
      rows_affected: 4,
      outcome: 'applied',
      detail: null,
      ordered: true,
    });
    expect(runs[0].steps).toEqual([
      expect.objectContaining({ id: '001', status: 'applied', rows: 4, summary: expect.stringContaining('merge 3 duplicate groups') }),
      expect.objectContaining({ id: '002', status: 'applied', summary: expect.stringContaining('add constraint book_view_statistics_book_id_view_type_unique') }),
    ]);
    // Every row of a duplicate group (3 + 2 + 2) is archived before it is deleted or rewritten.
    const archived = await db.sql<{ run_id: string; table_name: string; ids: number[] }>(
      `SELECT run_id, table_name, array_agg((row_data->>'id')::int ORDER BY (row_data->>'id')::int) AS ids FROM schema_doctor.archive GROUP BY 1, 2`,
    );
    expect(archived).toEqual([{ run_id: runId, table_name: 'public.book_view_statistics', ids: [1, 2, 4, 5, 7, 9, 10] }]);
  });
});
