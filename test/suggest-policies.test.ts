/**
 * Suggested policies (docs/policies.md#suggested-policies): for blocking data without a policy, `plan` and `apply`
 * print a concrete policy inferred from the table's columns, and `policies --suggest` drafts them all at once,
 * merged into an existing file without touching what the operator wrote. For the two incidents, the draft, saved as
 * the policies file, repairs the database and nothing is lost.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineSuggestions, mergeSuggestions, suggestDuplicates, suggestNullFill, suggestOrphans } from '../dist/plan/suggest-policies.js';
import { createTestDatabase, runCli, type CliResult, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const expectedSchema = `${root}expected-schema`;
const tmp = mkdtempSync(join(tmpdir(), 'sd-suggest-'));
// expected-schema/policies.json (the demo's) is read by default: "no policy" has to be said explicitly.
const noPolicies = join(tmp, 'no-policies.json');
writeFileSync(noPolicies, '{}');
const transcript = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

async function load(file: string): Promise<TestDatabase> {
  const db = await createTestDatabase('sg');
  await db.sql(readFileSync(`${root}test/fixtures/incidents/${file}`, 'utf8'));
  return db;
}

/** The community incident with reaction 6 written twice, as in the demo (demo/production.sql): it blocks the key. */
async function community(): Promise<TestDatabase> {
  const db = await load('community-production.sql');
  await db.sql(`INSERT INTO post_reactions (id, post_id, user_id, reaction_type, created_at) VALUES (6, 3, 2, 'love', '2024-04-06 12:31:00+00')`);
  return db;
}

const suggest = (db: TestDatabase, ...extra: string[]) => runCli(['policies', '--suggest', '--url', db.url, '--expected', expectedSchema, ...extra]);
const apply = (db: TestDatabase, policies: string) => runCli(['apply', '--url', db.url, '--expected', expectedSchema, '--yes', '--degraded', '--policies', policies]);

async function expectNoDrift(db: TestDatabase): Promise<void> {
  const r = await runCli(['diagnose', '--url', db.url, '--expected', expectedSchema, '--format', 'json']);
  expect(JSON.parse(r.stdout).findings, transcript(r)).toEqual([]);
  expect(r.code).toBe(0);
}

const counts = async (db: TestDatabase) =>
  Object.fromEntries(
    (
      await db.sql<{ t: string; n: number }>(
        `SELECT 'users' AS t, count(*)::int AS n FROM users UNION ALL SELECT 'posts', count(*)::int FROM posts
   UNION ALL SELECT 'post_reactions', count(*)::int FROM post_reactions UNION ALL SELECT 'book_view_statistics', count(*)::int FROM book_view_statistics
   UNION ALL SELECT 'credit_txns', count(*)::int FROM credit_txns UNION ALL SELECT 'scores', count(*)::int FROM scores`,
      )
    ).map((r) => [r.t, r.n]),
  );

describe('suggested policies for the incidents', () => {
  it('book-view: plan prints the suggestion; policies --suggest drafts it; saved, it merges the duplicates and no view is lost', async () => {
    const db = await load('book-view-production.sql');
    try {
      const r = await suggest(db, '--policies', noPolicies);
      expect(r.code, transcript(r)).toBe(0);
      const draft = JSON.parse(r.stdout);
      expect(draft).toEqual({
        'public.book_view_statistics': {
          duplicates: { keep: 'latest:updated_at', merge: { view_count: 'sum', last_viewed_at: 'max', created_at: 'min', updated_at: 'max' } },
        },
      });
      expect(r.stderr).toContain('public.book_view_statistics: duplicates');
      expect(r.stderr).toContain('nothing runs until it is saved');

      // The refusal of plan (and of apply) without a policy carries the same, ready to paste.
      const paste = JSON.stringify({ 'public.book_view_statistics': draft['public.book_view_statistics'] });
      const plan = await runCli(['plan', '--url', db.url, '--expected', expectedSchema, '--policies', noPolicies]);
      expect(plan.code, transcript(plan)).toBe(3);
      expect(plan.stdout).toContain(`Suggested policy (review it; nothing runs until you save it in the policies file): ${paste}.`);
      expect(plan.stdout).not.toContain('<column>');
      const refused = await apply(db, noPolicies);
      expect(refused.code, transcript(refused)).toBe(3);
      expect(refused.stderr).toContain(paste);

      const before = await counts(db);
      const [views] = await db.sql(`SELECT sum(view_count)::int AS views, count(*)::int AS n FROM book_view_statistics`);
      expect(views).toEqual({ views: 59, n: 11 });
      const ids = (await db.sql<{ id: number }>(`SELECT id FROM book_view_statistics ORDER BY id`)).map((x) => x.id);

      const file = join(tmp, 'book-view.json');
      writeFileSync(file, r.stdout);
      const applied = await apply(db, file);
      expect(applied.code, transcript(applied)).toBe(0);
      await expectNoDrift(db);

      expect(await counts(db)).toEqual({ ...before, book_view_statistics: 7 });
      expect(await db.sql(`SELECT sum(view_count)::int AS views FROM book_view_statistics`)).toEqual([{ views: 59 }]);
      // Every deleted row is in the archive, as it was.
      const left = (await db.sql<{ id: number }>(`SELECT id FROM book_view_statistics ORDER BY id`)).map((x) => x.id);
      const archived = (await db.sql<{ id: number }>(`SELECT (row_data->>'id')::int AS id FROM schema_doctor.archive WHERE table_name = 'public.book_view_statistics' ORDER BY 1`)).map((x) => x.id);
      for (const id of ids.filter((x) => !left.includes(x))) expect(archived).toContain(id);
    } finally {
      await db.drop();
    }
  });

  it('community: the suggestion rekeys post_reactions (its trigger forbids DELETE); saved, it repairs everything and every row stays', async () => {
    const db = await community();
    try {
      const r = await suggest(db, '--policies', noPolicies);
      expect(r.code, transcript(r)).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ 'public.post_reactions': { duplicates: { rekey: true } } });

      const before = await counts(db);
      const file = join(tmp, 'community.json');
      writeFileSync(file, r.stdout);
      const applied = await apply(db, file);
      expect(applied.code, transcript(applied)).toBe(0);
      await expectNoDrift(db);
      expect(await counts(db)).toEqual(before);
      expect(before.post_reactions).toBe(7);
      // The second copy of reaction 6 got the next value of the sequence; its old key is in the archive.
      expect(await db.sql(`SELECT id::int FROM post_reactions ORDER BY id`)).toEqual([1, 2, 3, 4, 5, 6, 7].map((id) => ({ id })));
      expect(await db.sql(`SELECT (row_data->>'id')::int AS id FROM schema_doctor.archive WHERE table_name = 'public.post_reactions'`)).toEqual([{ id: 6 }]);
    } finally {
      await db.drop();
    }
  });

  it('NULLs and orphans: the default fills one column, the other is a CHOOSE that plan refuses until written; orphans are deleted, archived', async () => {
    const db = await load('book-view-production.sql');
    try {
      await db.sql(`
        ALTER TABLE scores ALTER COLUMN game DROP NOT NULL, ALTER COLUMN created_at DROP NOT NULL, DROP CONSTRAINT scores_user_id_fkey;
        INSERT INTO scores (user_id, game, score, created_at) VALUES (1, NULL, 10, now()), (999, 'anagram', 5, now()), (1, 'anagram', 7, NULL)`);
      const file = join(tmp, 'nulls-orphans.json');
      writeFileSync(file, JSON.stringify({ 'public.book_view_statistics': { duplicates: { keep: 'first', merge: { view_count: 'sum' } } } }));
      const r = await suggest(db, '--out', file);
      expect(r.code, transcript(r)).toBe(0);
      const draft = JSON.parse(readFileSync(file, 'utf8'));
      expect(draft['public.scores']).toEqual({ orphans: 'delete', nulls: { game: 'NULL /* CHOOSE: an SQL expression for game */', created_at: 'now()' } });
      expect(r.stderr).toContain('public.scores: nulls.game (to choose)');
      expect(r.stderr).toContain('Replace every CHOOSE placeholder');

      // Saved as it is, the placeholder is refused: nothing changes.
      const refused = await apply(db, file);
      expect(refused.code, transcript(refused)).toBe(3);
      expect(refused.stderr).toContain('still the suggested CHOOSE placeholder');
      expect(await db.sql(`SELECT count(*)::int AS n FROM scores`)).toEqual([{ n: 3 }]);

      draft['public.scores'].nulls.game = "'unknown'";
      writeFileSync(file, JSON.stringify(draft));
      const applied = await apply(db, file);
      expect(applied.code, transcript(applied)).toBe(0);
      await expectNoDrift(db);
      expect(await db.sql(`SELECT user_id::int, game, score, created_at IS NOT NULL AS dated FROM scores ORDER BY score`)).toEqual([
        { user_id: 1, game: 'anagram', score: 7, dated: true },
        { user_id: 1, game: 'unknown', score: 10, dated: true },
      ]);
      expect(await db.sql(`SELECT (row_data->>'user_id')::int AS user_id FROM schema_doctor.archive WHERE table_name = 'public.scores' AND reason LIKE 'orphan%'`)).toEqual([{ user_id: 999 }]);
    } finally {
      await db.drop();
    }
  });

  it("--out merges into the existing file: the operator's entries stay as written, only missing blockers are added", async () => {
    const db = await community();
    try {
      const file = join(tmp, 'existing.json');
      const operator = {
        'public.book_view_statistics': { duplicates: { keep: 'first', merge: { view_count: 'sum' } } },
        'public.post_reactions': { orphans: 'delete' },
      };
      writeFileSync(file, JSON.stringify(operator));
      const r = await suggest(db, '--out', file);
      expect(r.code, transcript(r)).toBe(0);
      expect(r.stdout).toBe('');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
        'public.book_view_statistics': operator['public.book_view_statistics'],
        'public.post_reactions': { orphans: 'delete', duplicates: { rekey: true } },
      });
      expect(r.stderr).toContain('added to the policies of');
      expect(r.stderr).toContain('public.post_reactions: duplicates');
      expect(r.stderr).not.toContain('public.book_view_statistics');

      const again = await suggest(db, '--out', file);
      expect(again.code, transcript(again)).toBe(0);
      expect(again.stderr).toContain('Nothing to add');
    } finally {
      await db.drop();
    }
  });
});

describe('policies: bad input, before connecting', () => {
  it('without --suggest: BAD_OPTION (exit 5); an invalid existing file: POLICIES_INVALID (exit 5), left as it was', async () => {
    const bare = await runCli(['policies']);
    expect(bare.code, transcript(bare)).toBe(5);
    expect(bare.stderr).toContain('error [BAD_OPTION]: policies needs --suggest.');
    const file = join(tmp, 'invalid.json');
    writeFileSync(file, '{"public.t": {"orphans": "drop"}}');
    const r = await runCli(['policies', '--suggest', '--expected', expectedSchema, '--out', file, '--url', 'postgresql://nobody@127.0.0.1:1/none']);
    expect(r.code, transcript(r)).toBe(5);
    expect(r.stderr).toContain('POLICIES_INVALID');
    expect(readFileSync(file, 'utf8')).toBe('{"public.t": {"orphans": "drop"}}');
  });
});

describe('suggestions from the columns alone (pure)', () => {
  const table = (columns: object[], constraints: object = {}) => ({ columns, constraints, indexes: {}, triggers: {} });
  const model = (tables: object) => ({ tables, schemas: {}, extensions: {}, enums: {}, domains: {}, sequences: {}, views: {}, functions: {} }) as never;
  const t = table(
    [
      { name: 'id', type: 'integer', notNull: true, default: "nextval('t_id_seq'::regclass)" },
      { name: 'owner_id', type: 'bigint' },
      { name: 'hits', type: 'bigint' },
      { name: 'seen', type: 'boolean' },
      { name: 'first_seen_at', type: 'timestamp with time zone' },
      { name: 'last_seen_at', type: 'timestamp with time zone' },
      { name: 'region', type: 'text', notNull: true, default: "'eu'::text" },
      { name: 'note', type: 'text', notNull: true },
    ],
    {
      t_owner_fkey: {
        name: 't_owner_fkey',
        type: 'foreign_key',
        columns: ['owner_id'],
        definition: '',
        references: { table: 'public.o', columns: ['id'], onDelete: 'a', onUpdate: 'a', match: 'simple' },
      },
    },
  );
  const m = { expected: model({ 'public.t': t }), actual: model({ 'public.t': t }) };

  it('duplicates: rekey for a surrogate key with a nextval default; keep/merge on other keys, foreign key columns left out', () => {
    expect(suggestDuplicates(m, 'public.t', ['id'])).toEqual({ rekey: true });
    expect(suggestDuplicates(m, 'public.t', ['region', 'note'])).toEqual({
      keep: 'latest:last_seen_at',
      merge: { hits: 'sum', seen: 'bool_or', first_seen_at: 'min', last_seen_at: 'max' },
    });
  });

  it('NULLs: the column default, else a marked choice; orphans: set-null when the column may be NULL, else delete', () => {
    expect(suggestNullFill(m, 'public.t', 'region')).toBe("'eu'::text");
    expect(suggestNullFill(m, 'public.t', 'note')).toMatch(/^NULL \/\* CHOOSE: /);
    expect(suggestOrphans(m, 'public.t', ['owner_id'])).toBe('set-null');
    expect(suggestOrphans(m, 'public.t', ['note'])).toBe('delete');
  });

  it('combines: keep/merge wins over rekey for a table with two blocked keys; merging keeps every entry already written', () => {
    const merge = { keep: 'first' };
    expect(combineSuggestions([{ 'public.t': { duplicates: { rekey: true } } }, { 'public.t': { duplicates: merge } }, { 'public.t': { orphans: 'delete' } }])).toEqual({
      'public.t': { duplicates: merge, orphans: 'delete' },
    });
    const { merged, added } = mergeSuggestions({ 'public.t': { nulls: { a: "'x'" } } }, { 'public.t': { nulls: { a: "'y'", b: 'now()' }, orphans: 'set-null' } });
    expect(merged).toEqual({ 'public.t': { nulls: { a: "'x'", b: 'now()' }, orphans: 'set-null' } });
    expect(added).toEqual(['public.t: orphans', 'public.t: nulls.b']);
  });
});
