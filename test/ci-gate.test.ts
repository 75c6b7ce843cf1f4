/**
 * CI integration (docs/ci.md): the step summary that diagnose, plan and apply append to $GITHUB_STEP_SUMMARY,
 * annotations that point at the migration file or the manifest line, the composite GitHub Action run as a runner
 * runs it, and the GitLab CI template. Everything against a real drifted database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const bookView = readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8');
const MISSING = 'missing_constraint:public.book_view_statistics.book_view_statistics_book_id_view_type_unique';
const FILE_0007 = '0007_add_unique_constraint_book_view_statistics.sql';
const KNEX = `CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255), batch int, migration_time timestamptz);
  INSERT INTO knex_migrations (name, batch) SELECT f, 1 FROM unnest(ARRAY['0001_create_users.sql','0002_create_books.sql','0003_create_book_view_statistics.sql','0004_create_posts_and_reactions.sql','0005_create_credit_txns_and_scores.sql','0006_reactions_are_permanent.sql','0008_community_schema_fixes.sql','0009_app_role_grants.sql']) f`;

function tempFile(name: string, content = ''): string {
  const f = join(mkdtempSync(join(tmpdir(), 'sd-ci-')), name);
  writeFileSync(f, content);
  return f;
}

/** The 1-based line of the first line of `file` matching `re`. */
function lineOf(file: string, re: RegExp): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => re.test(l));
  expect(i).toBeGreaterThanOrEqual(0);
  return i + 1;
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('cigate');
  await db.sql(bookView);
  await db.sql(KNEX);
});
afterAll(async () => db.drop());

describe('GITHUB_STEP_SUMMARY', () => {
  it('diagnose appends the Markdown report whatever --format it prints, and never truncates', async () => {
    const summary = tempFile('summary.md', '# earlier step\n');
    for (const format of ['table', 'json']) {
      const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`, '--format', format], { GITHUB_STEP_SUMMARY: summary });
      expect(r.code, r.stderr).toBe(2);
    }
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n')).toBe(true);
    expect(text.match(/^## ❌ Schema drift found$/gm)).toHaveLength(2);
    expect(text).toContain('`book_view_statistics_book_id_view_type_unique`');
  });

  it('--no-summary turns it off', async () => {
    const summary = tempFile('summary.md');
    const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`, '--no-summary'], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(2);
    expect(readFileSync(summary, 'utf8')).toBe('');
  });

  it('plan appends its steps and hazards; apply --dry-run what it rehearsed and the outcome', async () => {
    const summary = tempFile('summary.md');
    const plan = await runCli(['plan', '--url', db.url, '--expected', `${root}expected-schema`, '--ignore', MISSING], { GITHUB_STEP_SUMMARY: summary });
    expect([0, 2, 3]).toContain(plan.code);
    let text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## (✅ Nothing to repair|📋 Repair plan: \d+ step\(s\))/m);
    const refused = await runCli(['apply', '--url', db.url, '--expected', `${root}expected-schema`, '--dry-run'], { GITHUB_STEP_SUMMARY: summary });
    expect(refused.code, refused.stderr).toBe(3);
    text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## ❌ schema\\?-doctor apply \\?-\\?-dry\\?-run: refused$/m);
    expect(text).toContain('**BLOCKED\\_BY\\_DATA**');
    expect(text).toContain('Rehearsal: everything was rolled back.');
  });
});

describe('--format github annotations point where a reviewer can act', () => {
  const constraintKey = /^\s*"book_view_statistics_book_id_view_type_unique": \{/;

  it('with --migrations: the migration file and the line of the statement that creates the object', async () => {
    const r = await runCli(['diagnose', '--url', db.url, '--expected', 'expected-schema', '--migrations', 'migrations', '--format', 'github'], {}, root);
    expect(r.code, r.stderr).toBe(2);
    const line = lineOf(`${root}migrations/${FILE_0007}`, /^\s*ALTER TABLE book_view_statistics\s*$/);
    expect(r.stdout).toContain(`::error file=migrations/${FILE_0007},line=${line},title=missing_constraint::public.book_view_statistics.book_view_statistics_book_id_view_type_unique: `);
  });

  it('paths are relative to the working directory, wherever the files are given from', async () => {
    const cwd = join(root, 'test');
    const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`, '--migrations', `${root}migrations`, '--format', 'github'], {}, cwd);
    expect(r.stdout).toMatch(new RegExp(`^::error file=\\.\\./migrations/${FILE_0007.replace(/\./g, '\\.')},line=\\d+,title=missing_constraint::`, 'm'));
  });

  it('without --migrations: the object\'s key in the manifest, with its line', async () => {
    const r = await runCli(['diagnose', '--url', db.url, '--expected', 'expected-schema', '--format', 'github'], {}, root);
    expect(r.code, r.stderr).toBe(2);
    const line = lineOf(`${root}expected-schema/manifest.json`, constraintKey);
    expect(r.stdout).toContain(`::error file=expected-schema/manifest.json,line=${line},title=missing_constraint::`);
  });

  it('SARIF results carry the same physical location', async () => {
    const r = await runCli(['diagnose', '--url', db.url, '--expected', 'expected-schema', '--migrations', 'migrations', '--format', 'sarif'], {}, root);
    const result = JSON.parse(r.stdout).runs[0].results.find((x: { partialFingerprints: { findingId: string } }) => x.partialFingerprints.findingId === MISSING);
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `migrations/${FILE_0007}` },
      region: { startLine: lineOf(`${root}migrations/${FILE_0007}`, /^\s*ALTER TABLE book_view_statistics\s*$/) },
    });
  });

  it('without a location (SQL given as --expected, no --migrations), as before: no file', async () => {
    const sql = tempFile('expected.sql', 'CREATE TABLE t (id int);\n');
    const other = await createTestDatabase('cigate');
    try {
      const r = await runCli(['diagnose', '--url', other.url, '--expected', sql, '--format', 'github']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toMatch(/^::error title=missing_table::public\.t: /m);
    } finally {
      await other.drop();
    }
  });
});
