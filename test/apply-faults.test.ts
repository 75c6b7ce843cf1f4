/**
 * Faults during `apply`: the process killed at random points, and its backend terminated from another session.
 * The database must end either exactly as before or fully repaired — never in between — and a re-run must finish
 * the job.
 *
 * The live database is the book-view incident plus a few more drift items, so that the plan has several steps in
 * one transaction (every table stays below --online-threshold: no CONCURRENTLY phase), and some bulk rows so that
 * the transaction lasts long enough to be hit. It is built once as a template; every run gets a fresh copy.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, createTestDatabase, runCli, withDatabase, type CliResult, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const BIN = `${root}bin/schema-doctor.js`;
const EXPECTED = `${root}expected-schema`;
const bookView = readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8');
const BULK = 15_000; // books; two stat rows each

/** More drift on top of the incident: 8 steps in all, one transaction. */
const moreDrift = `
INSERT INTO public.books (id, title) SELECT gen_random_uuid(), 'bulk ' || g FROM generate_series(1, ${BULK}) g;
INSERT INTO public.book_view_statistics (book_id, view_type, view_count)
  SELECT b.id, v.t, 1 FROM public.books b CROSS JOIN (VALUES ('card_view'), ('reader_open')) v(t) WHERE b.title LIKE 'bulk %';
DROP INDEX public.book_view_statistics_view_type_idx;
ALTER TABLE public.books ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE public.users DROP COLUMN display_name;
ALTER TABLE public.posts DROP CONSTRAINT posts_moderation_status_check;
DROP INDEX public.scores_user_id_idx;
COMMENT ON TABLE public.books IS 'stale comment';
`;

const work = mkdtempSync(join(tmpdir(), 'sd-apply-faults-'));
const POLICIES = join(work, 'policies.json');
writeFileSync(
  POLICIES,
  JSON.stringify({
    'public.book_view_statistics': { duplicates: { keep: 'latest:last_viewed_at', merge: { view_count: 'sum', last_viewed_at: 'max', created_at: 'min' } } },
  }),
);
const applyArgs = (url: string, ...extra: string[]) => ['apply', '--url', url, '--expected', EXPECTED, '--policies', POLICIES, '--yes', '--degraded', ...extra];

interface Finding {
  id: string;
  blockers?: { sample?: unknown }[];
}
interface DbState {
  findings: Finding[];
  data: Record<string, string>;
  bookkeeping: boolean;
}

let template: TestDatabase;
let admin: pg.Client;
const clones: string[] = [];
let baseline: DbState;

beforeAll(async () => {
  template = await createTestDatabase('ftpl');
  await template.sql(bookView);
  await template.sql(moreDrift);
  admin = new pg.Client({ connectionString: adminUrl(), application_name: 'faults-test' });
  admin.on('error', () => undefined);
  await admin.connect();
  baseline = await stateOf(await clone());
  expect(baseline.findings.map((f) => f.id).sort()).toEqual([
    'column_default_differs:public.books.updated_at',
    'comment_differs:public.books',
    'missing_column:public.users.display_name',
    'missing_constraint:public.book_view_statistics.book_view_statistics_book_id_view_type_unique',
    'missing_constraint:public.posts.posts_moderation_status_check',
    'missing_index:public.book_view_statistics.book_view_statistics_view_type_idx',
    'missing_index:public.scores.scores_user_id_idx',
  ]);
  expect(baseline.bookkeeping).toBe(false);
});

afterAll(async () => {
  for (const name of clones) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await admin?.end().catch(() => undefined);
  await template?.drop();
});

/** A fresh database: a copy of the template (CREATE DATABASE … TEMPLATE is a file copy: fast). */
async function clone(): Promise<string> {
  const name = `fault_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.name}"`);
  clones.push(name);
  return withDatabase(adminUrl(), name);
}

async function query<R>(url: string, text: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as R[];
  } finally {
    await c.end();
  }
}

async function checksums(url: string): Promise<Record<string, string>> {
  const tables = await query<{ t: string }>(
    url,
    `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'schema_doctor') ORDER BY 1`,
  );
  const sql = tables.map(({ t }) => `SELECT ${pg.escapeLiteral(t)} AS t, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS md5 FROM ${t} x`).join(' UNION ALL ');
  return Object.fromEntries((await query<{ t: string; md5: string }>(url, sql)).map((r) => [r.t, r.md5]));
}

/** Findings without the blocker samples (their order is the server's business). */
function comparable(fs: Finding[]): Finding[] {
  return fs.map((f) => ({ ...f, ...(f.blockers && { blockers: f.blockers.map(({ sample: _s, ...b }) => b) }) }));
}

async function diagnose(url: string): Promise<Finding[]> {
  const r = await runCli(['diagnose', '--url', url, '--expected', EXPECTED, '--format', 'json', '--fail-on', 'never']);
  expect(r.code, r.stderr).toBe(0);
  return comparable(JSON.parse(r.stdout).findings);
}

async function stateOf(url: string): Promise<DbState> {
  const [findings, data, [b]] = await Promise.all([diagnose(url), checksums(url), query<{ ok: boolean }>(url, `SELECT to_regnamespace('schema_doctor') IS NOT NULL AS ok`)]);
  return { findings, data, bookkeeping: b!.ok };
}

/** What a full repair must leave: the duplicates merged (4 rows fewer, same total), every finding gone. */
async function expectRepaired(url: string, s: DbState): Promise<void> {
  expect(s.findings).toEqual([]);
  const [stats] = await query<{ n: number; views: number }>(url, 'SELECT count(*)::int AS n, sum(view_count)::int AS views FROM public.book_view_statistics');
  expect(stats).toEqual({ n: 7 + 2 * BULK, views: 59 + 2 * BULK });
}

async function backendsOf(url: string): Promise<{ pid: number; xid: string | null; wait: string | null; advisory: boolean }[]> {
  const db = new URL(url).pathname.slice(1);
  const { rows } = await admin.query(
    `SELECT a.pid, a.backend_xid::text AS xid, a.wait_event_type AS wait,
            EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted) AS advisory
     FROM pg_stat_activity a WHERE a.datname = $1 AND a.application_name = 'schema-doctor'`,
    [db],
  );
  return rows;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000, every = 5): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** The killed process's backend goes when the server notices the closed socket (at the end of its statement). */
async function noBackendsLeft(url: string): Promise<void> {
  await waitFor('the apply backends to go away', async () => ((await backendsOf(url)).length === 0 ? true : undefined), 30_000, 20);
}

function start(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<CliResult & { signal: NodeJS.Signals | null; ms: number }> } {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr, ms: performance.now() - t0 })),
  );
  return { child, done };
}

/** apply again until it is not refused by the advisory lock of a backend that is still going away. */
async function rerun(url: string): Promise<CliResult> {
  for (let i = 0; ; i++) {
    const r = await runCli(applyArgs(url));
    if (r.code === 3 && r.stderr.includes('APPLY_LOCKED') && i < 10) {
      await new Promise((res) => setTimeout(res, 300));
      continue;
    }
    return r;
  }
}

describe('apply killed with SIGKILL at random points', () => {
  it('leaves the database unchanged or fully repaired, never in between; a re-run completes', async () => {
    // Normal runs first. Unwatched: how long a run takes. Watched (polling slows it a little, as it does the
    // in-transaction runs below): when its transaction starts (its backend gets an xid) and how long it lasts.
    const url0 = await clone();
    const n0 = await start(applyArgs(url0)).done;
    expect(n0.code, n0.stderr).toBe(0);
    expect(n0.stdout).toMatch(/applied\s+008\s+/);
    await expectRepaired(url0, await stateOf(url0));
    const total = n0.ms;

    const url1 = await clone();
    const watched = start(applyArgs(url1));
    let exited = false;
    void watched.done.then(() => (exited = true));
    const t1 = performance.now();
    let txSeenAt: number | undefined;
    while (!exited) {
      if (txSeenAt === undefined && (await backendsOf(url1)).some((b) => b.xid !== null)) txSeenAt = performance.now() - t1;
      await new Promise((r) => setTimeout(r, 2));
    }
    const n1 = await watched.done;
    expect(n1.code, n1.stderr).toBe(0);
    expect(txSeenAt, 'the watched run must show its transaction').toBeDefined();
    const txWindow = Math.max(20, n1.ms - txSeenAt!);

    const RUNS = 20;
    const outcomes: { mode: string; delay: number; killedInTx: boolean; result: 'unchanged' | 'repaired'; exit: string }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const url = await clone();
      const run = start(applyArgs(url));
      let ended = false;
      void run.done.then(() => (ended = true));
      // Even runs: a uniform delay over a whole normal run. Odd runs: a delay into the transaction, once it is open.
      const mode = i % 2 === 0 ? 'anytime' : 'in-transaction';
      let delay = Math.random() * total;
      let killedInTx = false;
      if (mode === 'in-transaction') {
        await waitFor('the apply transaction', async () => (ended || (await backendsOf(url)).some((b) => b.xid !== null) ? true : undefined), 30_000, 2);
        delay = Math.random() * txWindow * 0.6; // the window also holds verification and the history row
        await new Promise((r) => setTimeout(r, delay));
      } else {
        await new Promise((r) => setTimeout(r, delay));
      }
      if (!ended) {
        killedInTx = (await backendsOf(url)).some((b) => b.xid !== null);
        run.child.kill('SIGKILL');
      }
      const r = await run.done;
      await noBackendsLeft(url);

      const s = await stateOf(url);
      const unchanged = JSON.stringify(s.findings) === JSON.stringify(baseline.findings) && JSON.stringify(s.data) === JSON.stringify(baseline.data);
      if (unchanged) {
        expect(s.bookkeeping, `run ${i}: nothing committed, so no schema_doctor schema`).toBe(false);
      } else {
        // Not as before: then it must be the whole repair, with the data merged once.
        expect(s.findings, `run ${i} (${mode}, killed after ${Math.round(delay)} ms): partly repaired`).toEqual([]);
        await expectRepaired(url, s);
      }
      outcomes.push({ mode, delay: Math.round(delay), killedInTx, result: unchanged ? 'unchanged' : 'repaired', exit: r.signal ?? String(r.code) });

      const again = await rerun(url);
      expect(again.code, `run ${i}: re-run\n${again.stdout}${again.stderr}`).toBe(0);
      expect(again.stdout).toMatch(unchanged ? /Applied and verified/ : /Nothing to repair|Applied and verified/);
      // "Nothing to repair" is diagnose's own pipeline finding nothing; after a repair, diagnose once more.
      await expectRepaired(url, again.stdout.includes('Nothing to repair') ? { findings: [], data: {}, bookkeeping: true } : await stateOf(url));
      await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    }
    if (process.env.SCHEMA_DOCTOR_TEST_VERBOSE) console.log(JSON.stringify({ total, txSeenAt, txWindow, outcomes }));
    // The test must have hit open transactions, not only the start-up.
    const hits = outcomes.filter((o) => o.killedInTx);
    expect(hits.length, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(3);
    expect(outcomes.filter((o) => o.exit === 'SIGKILL').length).toBeGreaterThanOrEqual(RUNS / 2);
  }, 150_000);
});

describe('apply whose backend is terminated from another session', () => {
  it('mid-transaction (waiting for a lock after four steps ran): exit 4 with a clear message, nothing changed, a re-run completes', async () => {
    const url = await clone();
    // An application session holds ACCESS SHARE on posts: step 005 (ADD CONSTRAINT on posts) waits inside the
    // transaction, after the merge, the default, the column and the unique constraint.
    const app = new pg.Client({ connectionString: url, application_name: 'app-reader' });
    app.on('error', () => undefined);
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query('LOCK TABLE public.posts IN ACCESS SHARE MODE');
      const run = start(applyArgs(url, '--lock-timeout', '60s'));
      const victim = await waitFor('the apply waiting for its lock inside the transaction', async () => (await backendsOf(url)).find((b) => b.wait === 'Lock' && b.xid !== null)?.pid);
      await admin.query('SELECT pg_terminate_backend($1)', [victim]);
      const r = await run.done;

      expect([4, 6]).toContain(r.code);
      expect(r.stderr).toMatch(/^error \[(APPLY_FAILED|[A-Z_]+)\]: .*terminating connection due to administrator command/);
      expect(r.stderr).not.toContain('INTERNAL');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(/rolled back|nothing was changed/i);
      expect(r.stdout).toMatch(/failed\s+005\s+add constraint posts_moderation_status_check/);
      expect(r.stdout).toMatch(/rolled_back\s+001\s+merge 3 duplicate groups/);

      await noBackendsLeft(url);
      const s = await stateOf(url);
      expect(s.findings).toEqual(baseline.findings);
      expect(s.data).toEqual(baseline.data);
    } finally {
      await app.query('ROLLBACK').catch(() => undefined);
      await app.end().catch(() => undefined);
    }
    const again = await rerun(url);
    expect(again.code, again.stderr).toBe(0);
    await expectRepaired(url, await stateOf(url));
  });

  it('while reading the catalog (before any change): exit 6 with a clear message, nothing changed, a re-run completes', async () => {
    const url = await clone();
    // ACCESS EXCLUSIVE on a table makes the catalog read wait (it takes ACCESS SHARE on user tables).
    const app = new pg.Client({ connectionString: url, application_name: 'app-migration' });
    app.on('error', () => undefined);
    await app.connect();
    let r: CliResult;
    try {
      await app.query('BEGIN');
      await app.query('LOCK TABLE public.credit_txns IN ACCESS EXCLUSIVE MODE');
      const run = start(applyArgs(url));
      // The session holding apply's advisory lock is its main connection.
      const victim = await waitFor('the apply reading the catalog', async () => (await backendsOf(url)).find((b) => b.wait === 'Lock' && b.advisory)?.pid);
      await admin.query('SELECT pg_terminate_backend($1)', [victim]);
      await app.query('ROLLBACK'); // let the other catalog connections finish
      r = await run.done;
    } finally {
      await app.end().catch(() => undefined);
    }
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^error \[CATALOG_READ_FAILED\]: Reading the catalog of .* failed: terminating connection due to administrator command \(SQLSTATE 57P01\)\./);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');

    await noBackendsLeft(url);
    const s = await stateOf(url);
    expect(s).toEqual(baseline);
    const again = await rerun(url);
    expect(again.code, again.stderr).toBe(0);
    await expectRepaired(url, await stateOf(url));
  });
});
