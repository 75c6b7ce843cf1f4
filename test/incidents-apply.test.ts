/**
 * The two incidents (test/fixtures/incidents) repaired end to end on a real server, as in the acceptance:
 *   book-view  the missing UNIQUE (book_id, view_type) with 3 duplicate groups: merged by policy, archived, and
 *              INSERT … ON CONFLICT works afterwards; without a policy, without degraded mode and as a dry run,
 *              nothing changes.
 *   community  13 drift items plus the missing primary key of post_reactions: after apply, deleting a post
 *              detaches its reactions (ON DELETE SET NULL) instead of tripping the reactions_are_permanent trigger.
 * And `plan --out F.sql` run twice with psql: the first run repairs, the second changes nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, psqlFile, runCli, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const expectedSchema = `${root}expected-schema`;
const fixture = (name: string) => readFileSync(`${root}test/fixtures/incidents/${name}`, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'sd-incidents-'));

const bookViewPolicies = join(tmp, 'book-view-policies.json');
writeFileSync(
  bookViewPolicies,
  JSON.stringify(
    {
      'public.book_view_statistics': {
        duplicates: { keep: 'latest:last_viewed_at', merge: { view_count: 'sum', last_viewed_at: 'max', created_at: 'min' } },
      },
    },
    null,
    2,
  ),
);
// expected-schema/policies.json (the demo's policies) is read by default: "no policy" has to be said explicitly.
const noPolicies = join(tmp, 'no-policies.json');
writeFileSync(noPolicies, '{}');

type Cli = { code: number; stdout: string; stderr: string };
const transcript = (r: Cli) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

async function load(prefix: string, file: string): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix);
  await db.sql(fixture(file));
  return db;
}

function diagnose(db: TestDatabase): Promise<Cli> {
  return runCli(['diagnose', '--url', db.url, '--expected', expectedSchema, '--format', 'json']);
}

async function expectNoDrift(db: TestDatabase): Promise<void> {
  const r = await diagnose(db);
  let report: { findings: unknown[] };
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`diagnose did not print JSON:\n${transcript(r)}`);
  }
  expect(report.findings, transcript(r)).toEqual([]);
  expect(r.code).toBe(0);
}

/** Row count and checksum of every table, schema_doctor's own included (a second run must not touch them either). */
async function tableStats(db: TestDatabase): Promise<Record<string, { rows: number; checksum: string }>> {
  const tables = (
    await db.sql<{ key: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS key
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_'
     ORDER BY 1`,
    )
  ).map((t) => t.key);
  const rows = await db.sql<{ key: string; rows: number; checksum: string }>(
    tables
      .map(
        (t, i) => `SELECT $${i + 1}::text AS key, count(*)::int AS rows,
                           md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS checksum FROM ${t} t`,
      )
      .join('\nUNION ALL\n'),
    tables,
  );
  return Object.fromEntries(rows.map((r) => [r.key, { rows: r.rows, checksum: r.checksum }]));
}

const rowCounts = async (db: TestDatabase) =>
  Object.fromEntries(
    Object.entries(await tableStats(db))
      .filter(([k]) => !k.startsWith('schema_doctor.'))
      .map(([k, v]) => [k, v.rows]),
  );

async function snapshot(db: TestDatabase): Promise<string> {
  const r = await runCli(['snapshot', '--url', db.url]);
  expect(r.code, transcript(r)).toBe(0);
  return r.stdout;
}

/** Everything that must stay the same when a command is supposed to change nothing. */
async function state(db: TestDatabase): Promise<{ diagnose: string; snapshot: string; tables: Awaited<ReturnType<typeof tableStats>> }> {
  const [d, s, t] = await Promise.all([diagnose(db), snapshot(db), tableStats(db)]);
  return { diagnose: d.stdout, snapshot: s, tables: t };
}

interface Group {
  book_id: string;
  view_type: string;
  views: number;
  last_viewed: string | null;
  n: number;
}

const groups = (db: TestDatabase) =>
  db.sql<Group>(
    `SELECT book_id::text, view_type, sum(view_count)::int AS views, max(last_viewed_at)::text AS last_viewed, count(*)::int AS n
   FROM book_view_statistics GROUP BY 1, 2 ORDER BY 1, 2`,
  );

describe('incident book-view: apply merges the duplicates and adds the unique constraint', () => {
  const apply = (db: TestDatabase, extra: string[], env: Record<string, string> = {}) => runCli(['apply', '--url', db.url, '--expected', expectedSchema, ...extra], env);

  it('refuses without a policy, without degraded mode, rehearses with --dry-run, then repairs with --degraded', async () => {
    const db = await load('bv', 'book-view-production.sql');
    try {
      const before = await state(db);
      const counts = await rowCounts(db);
      const pairs = await groups(db);
      expect(counts['public.book_view_statistics']).toBe(11);
      expect(
        pairs
          .filter((g) => g.n > 1)
          .map((g) => g.n)
          .sort(),
      ).toEqual([2, 2, 3]);

      // No policy: the duplicates block the constraint; refused, nothing changed.
      const noPolicy = await apply(db, ['--yes', '--degraded', '--policies', noPolicies]);
      expect(noPolicy.code, transcript(noPolicy)).toBe(3);
      expect(noPolicy.stderr).toContain('BLOCKED_BY_DATA');
      expect(await state(db)).toEqual(before);

      // Policy but no degraded mode: the merge rewrites rows; refused, naming degraded mode.
      const notDegraded = await apply(db, ['--yes', '--policies', bookViewPolicies]);
      expect(notDegraded.code, transcript(notDegraded)).toBe(3);
      expect(notDegraded.stderr).toContain('DEGRADED_MODE');
      expect(await state(db)).toEqual(before);

      // Dry run (no --yes, no --degraded): rehearsed and rolled back.
      const dry = await apply(db, ['--dry-run', '--policies', bookViewPolicies]);
      expect(dry.code, transcript(dry)).toBe(0);
      expect(dry.stdout).toContain('Rolled back: nothing was changed');
      expect(await state(db)).toEqual(before);

      const applied = await apply(db, ['--yes', '--degraded', '--policies', bookViewPolicies]);
      expect(applied.code, transcript(applied)).toBe(0);
      await expectNoDrift(db);

      const [constraint] = await db.sql(
        `SELECT contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = 'public.book_view_statistics'::regclass AND conname = 'book_view_statistics_book_id_view_type_unique'`,
      );
      expect(constraint).toEqual({ contype: 'u', def: 'UNIQUE (book_id, view_type)' });

      // One row per pair, with the summed count and the newest last_viewed_at; no view lost.
      const merged = await groups(db);
      expect(merged.map((g) => g.n)).toEqual(pairs.map(() => 1));
      expect(merged.map(({ n: _, ...g }) => g)).toEqual(pairs.map(({ n: _, ...g }) => g));
      expect(merged.reduce((s, g) => s + g.views, 0)).toBe(59);
      const survivors = await db.sql<{ id: number }>(`SELECT id FROM book_view_statistics ORDER BY id`);
      expect(survivors.map((r) => r.id)).toEqual([3, 4, 6, 7, 8, 10, 11]); // keep latest:last_viewed_at

      // Every row of a duplicate group (survivors included) is in the archive, with its original values.
      const archived = await db.sql<{ id: number; view_count: number }>(
        `SELECT (row_data->>'id')::int AS id, (row_data->>'view_count')::int AS view_count FROM schema_doctor.archive
         WHERE table_name = 'public.book_view_statistics' ORDER BY 1`,
      );
      expect(archived).toEqual([
        { id: 1, view_count: 10 },
        { id: 2, view_count: 7 },
        { id: 4, view_count: 5 },
        { id: 5, view_count: 0 },
        { id: 7, view_count: 3 },
        { id: 9, view_count: 2 },
        { id: 10, view_count: 4 },
      ]);

      // The upsert that failed in production (SQLSTATE 42P10) works and increments.
      const upsert = `INSERT INTO book_view_statistics (book_id, view_type, view_count, last_viewed_at)
        VALUES ($1, $2, 1, now())
        ON CONFLICT (book_id, view_type) DO UPDATE SET view_count = book_view_statistics.view_count + 1
        RETURNING view_count`;
      expect(await db.sql(upsert, ['2d788f76-312d-4653-a804-50b23612aa8d', 'card_view'])).toEqual([{ view_count: 18 }]);
      expect(await db.sql(upsert, ['2d788f76-312d-4653-a804-50b23612aa8d', 'card_view'])).toEqual([{ view_count: 19 }]);
      expect(await db.sql(upsert, ['44444444-4444-4444-8444-444444444444', 'reader_open'])).toEqual([{ view_count: 1 }]);

      // Only the merged table lost rows.
      const after = await rowCounts(db);
      expect(after).toEqual({ ...counts, 'public.book_view_statistics': 8 }); // 7 merged + the new pair
    } finally {
      await db.drop();
    }
  });

  it('DEGRADED_MODE=1 in the environment stands in for --degraded', async () => {
    const db = await load('bv', 'book-view-production.sql');
    try {
      const r = await apply(db, ['--yes', '--policies', bookViewPolicies], { DEGRADED_MODE: '1' });
      expect(r.code, transcript(r)).toBe(0);
      expect(r.stdout).toContain('Applied and verified');
      await expectNoDrift(db);
      expect(await db.sql(`SELECT count(*)::int AS n FROM book_view_statistics`)).toEqual([{ n: 7 }]);
    } finally {
      await db.drop();
    }
  });
});

describe('incident community: apply fixes the reactions table and the rest of migration 0008', () => {
  it('repairs everything: primary key, ON DELETE SET NULL, and a post with reactions can be deleted', async () => {
    const db = await load('cm', 'community-production.sql');
    try {
      const counts = await rowCounts(db);
      await expect(db.sql(`DELETE FROM posts WHERE id = 1`)).rejects.toThrow(/post_reactions are permanent/);

      const r = await runCli(['apply', '--url', db.url, '--expected', expectedSchema, '--yes', '--degraded']);
      expect(r.code, transcript(r)).toBe(0);
      await expectNoDrift(db);
      expect(await rowCounts(db)).toEqual(counts);

      const constraints = await db.sql(
        `SELECT conname, contype, confdeltype FROM pg_constraint
         WHERE conrelid = 'public.post_reactions'::regclass AND contype IN ('p', 'f') ORDER BY conname`,
      );
      expect(constraints).toEqual([
        { conname: 'post_reactions_pkey', contype: 'p', confdeltype: ' ' },
        { conname: 'post_reactions_post_id_fkey', contype: 'f', confdeltype: 'n' },
        { conname: 'post_reactions_user_id_fkey', contype: 'f', confdeltype: 'a' },
      ]);

      await db.sql(`DELETE FROM posts WHERE id = 1`);
      expect(await db.sql(`SELECT id::int, post_id FROM post_reactions WHERE id IN (1, 2) ORDER BY id`)).toEqual([
        { id: 1, post_id: null },
        { id: 2, post_id: null },
      ]);
      expect(await db.sql(`SELECT count(*)::int AS n FROM post_reactions`)).toEqual([{ n: 6 }]);
    } finally {
      await db.drop();
    }
  });
});

describe('plan --out: the psql script repairs on the first run and changes nothing on the second', () => {
  it.each([
    { fixtureFile: 'book-view-production.sql', policies: [bookViewPolicies] },
    { fixtureFile: 'community-production.sql', policies: [] },
  ])('$fixtureFile', async ({ fixtureFile, policies }) => {
    const db = await load('ps', fixtureFile);
    try {
      const counts = await rowCounts(db);
      const out = join(tmp, `${fixtureFile}.plan.sql`);
      const planned = await runCli(['plan', '--url', db.url, '--expected', expectedSchema, ...policies.flatMap((p) => ['--policies', p]), '--out', out]);
      expect(planned.code, transcript(planned)).toBe(2);
      expect(readFileSync(out, 'utf8')).toMatch(/refused: 0;/);

      const first = await psqlFile(out, db.url);
      expect(first.code, transcript(first)).toBe(0);
      const afterFirst = await state(db);
      await expectNoDrift(db);

      const second = await psqlFile(out, db.url);
      expect(second.code, transcript(second)).toBe(0);
      const afterSecond = await state(db);
      expect(afterSecond.snapshot).toBe(afterFirst.snapshot);
      expect(afterSecond.tables).toEqual(afterFirst.tables);
      await expectNoDrift(db);

      if (fixtureFile.startsWith('book-view')) {
        expect(await rowCounts(db)).toEqual({ ...counts, 'public.book_view_statistics': 7 });
        expect(await db.sql(`SELECT count(*)::int AS n FROM schema_doctor.archive`)).toEqual([{ n: 7 }]);
      } else {
        expect(await rowCounts(db)).toEqual(counts);
      }
    } finally {
      await db.drop();
    }
  });
});
