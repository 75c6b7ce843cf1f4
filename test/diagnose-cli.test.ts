import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, withDatabase, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const bookView = readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8');
const MISSING = 'missing_constraint:public.book_view_statistics.book_view_statistics_book_id_view_type_unique';

describe('diagnose from the command line', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('diag');
    await db.sql(bookView);
  });
  afterAll(async () => db.drop());

  it('reports the book-view incident in one line: the missing constraint and the duplicate groups blocking it', async () => {
    const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/missing_constraint\s+book_view_statistics_book_id_view_type_unique/);
    expect(r.stdout).toContain('blocked by 3 duplicate groups (4 surplus rows) on (book_id, view_type)');
  });

  it('through a pipe, with TERM=dumb: no escape codes and no spinner frames on stdout', async () => {
    for (const env of [{ TERM: 'dumb' }, { TERM: 'xterm-256color' }, { NO_COLOR: '1', TERM: 'xterm' }]) {
      const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`], env);
      expect(r.code).toBe(2);
      expect(r.stdout).not.toMatch(/\u001b/);
      expect(r.stdout).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
      expect(r.stderr).toBe('');
    }
  });

  it('FORCE_COLOR turns colour on even through a pipe', async () => {
    const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`], { FORCE_COLOR: '1' });
    expect(r.stdout).toMatch(/\u001b\[31m/);
  });

  it('--fail-on decides the exit code; --no-probes skips data', async () => {
    expect((await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`, '--fail-on', 'never'])).code).toBe(0);
    expect((await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`, '--fail-on', 'blockers'])).code).toBe(2);
    const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`, '--fail-on', 'blockers', '--no-probes', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings[0].blockers).toBeUndefined();
  });

  it('--ignore by id, kind or glob, and the ignore file next to the manifest', async () => {
    for (const rule of [MISSING, 'missing_constraint', 'missing_constraint:public.book_view_*', 'public.book_view_statistics.*']) {
      const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`, '--ignore', rule, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ findings: [], ignored: 1, failed: false });
    }
    const dir = mkdtempSync(join(tmpdir(), 'sd-ignore-'));
    copyFileSync(`${root}expected-schema/manifest.json`, join(dir, 'manifest.json'));
    writeFileSync(join(dir, '.schema-doctor-ignore'), `# accepted until the merge is scheduled\n${MISSING}\n`);
    const r = await runCli(['diagnose', '--url', db.url, '--expected', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ignored).toBe(1);
  });

  it('a probe that exceeds --probe-timeout is reported as unknown, not as zero', async () => {
    await db.sql(`CREATE OR REPLACE FUNCTION public.slow_true(int) RETURNS boolean LANGUAGE sql AS 'SELECT pg_sleep(0.2) IS NOT NULL'`);
    const dir = mkdtempSync(join(tmpdir(), 'sd-timeout-'));
    const manifest = JSON.parse(readFileSync(`${root}expected-schema/manifest.json`, 'utf8'));
    manifest.tables['public.books'].constraints.books_slow_check = {
      name: 'books_slow_check',
      type: 'check',
      definition: 'CHECK (public.slow_true(1))',
      columns: [],
      expression: 'public.slow_true(1)',
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = await runCli(['diagnose', '--url', db.url, '--expected', dir, '--format', 'json', '--probe-timeout', '100ms', '--ignore', 'unexpected_function']);
    const slow = JSON.parse(r.stdout).findings.find((f: { id: string }) => f.id === 'missing_constraint:public.books.books_slow_check');
    expect(slow.blockers).toEqual([{ kind: 'check_violations', target: 'CHECK (public.slow_true(1))', status: 'unknown', reason: 'timeout after 100 ms' }]);
    await db.sql('DROP FUNCTION public.slow_true(int)');
  });

  it('works for a read-only role and says which probes it could not run for lack of privilege', async () => {
    const role = `ro_${db.name}`;
    await db.sql(`CREATE ROLE ${role} LOGIN PASSWORD 'ro-Secret-9'; GRANT CONNECT ON DATABASE ${db.name} TO ${role};
      GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON public.books TO ${role};`);
    try {
      const u = new URL(withDatabase(db.url, db.name));
      u.username = role;
      u.password = 'ro-Secret-9';
      const r = await runCli(['diagnose', '--url', u.toString(), '--expected', `${root}expected-schema`, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(2);
      const f = JSON.parse(r.stdout).findings.find((x: { id: string }) => x.id === MISSING);
      expect(f.blockers[0]).toMatchObject({ kind: 'duplicates', status: 'unknown' });
      expect(f.blockers[0].reason).toMatch(/^no privilege: permission denied for table book_view_statistics/);
      expect(r.stdout).not.toContain('ro-Secret-9');
    } finally {
      await db.sql(`REVOKE ALL ON public.books FROM ${role}; REVOKE ALL ON SCHEMA public FROM ${role}; REVOKE ALL ON DATABASE ${db.name} FROM ${role}; DROP ROLE ${role}`);
    }
  });

  it('--migrations names the unapplied migration that creates the missing constraint', async () => {
    await db.sql(`CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255), batch int, migration_time timestamptz);
      INSERT INTO knex_migrations (name, batch) SELECT f, 1 FROM unnest(ARRAY['0001_create_users.sql','0002_create_books.sql','0003_create_book_view_statistics.sql','0004_create_posts_and_reactions.sql','0005_create_credit_txns_and_scores.sql','0006_reactions_are_permanent.sql','0008_community_schema_fixes.sql','0009_app_role_grants.sql']) f`);
    const r = await runCli(['diagnose', '--url', db.url, '--expected', `${root}expected-schema`, '--migrations', `${root}migrations`, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.migrations).toMatchObject({ tool: 'knex', unapplied: ['0007_add_unique_constraint_book_view_statistics.sql'], missingFiles: [], checksumMismatches: [] });
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual([MISSING]);
    expect(report.findings[0].migration).toBe('0007_add_unique_constraint_book_view_statistics.sql');
    await db.sql('DROP TABLE knex_migrations');
  });

  it('bad options are usage errors (exit 5)', async () => {
    expect((await runCli(['diagnose', '--url', db.url, '--format', 'xml'])).code).toBe(5);
    expect((await runCli(['diagnose', '--url', db.url, '--fail-on', 'sometimes'])).code).toBe(5);
    expect((await runCli(['diagnose', '--url', db.url, '--probe-timeout', 'soon'])).code).toBe(5);
    const r = await runCli(['diagnose', '--url', db.url, '--expected', '/nonexistent/manifest.json']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error \[EXPECTED_MISSING\]/);
  });
});

describe('info findings: the database is stricter than expected', () => {
  // Validated live, NOT VALID in the expected schema (a table CHECK and a domain CHECK): info, not drift.
  const expectedSql = `CREATE DOMAIN positive_int AS integer;
ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0) NOT VALID;
CREATE TABLE patients (id integer PRIMARY KEY, age integer, weight positive_int);
ALTER TABLE patients ADD CONSTRAINT patients_age_check CHECK (age >= 0) NOT VALID;
`;
  const liveSql = `CREATE DOMAIN positive_int AS integer CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE TABLE patients (id integer PRIMARY KEY, age integer CONSTRAINT patients_age_check CHECK (age >= 0), weight positive_int);
INSERT INTO patients VALUES (1, 30, 70), (2, NULL, NULL);
`;
  const INFO = ['constraint_stricter_than_expected:public.patients.patients_age_check', 'constraint_stricter_than_expected:public.positive_int.positive_int_check'];
  let db: TestDatabase;
  let expected: string;
  beforeAll(async () => {
    db = await createTestDatabase('info');
    await db.sql(liveSql);
    const dir = mkdtempSync(join(tmpdir(), 'sd-info-'));
    expected = join(dir, 'expected.sql');
    writeFileSync(expected, expectedSql);
  });
  afterAll(async () => db.drop());

  it('diagnose exits 0 under every --fail-on level when only info findings exist, and every format says info', async () => {
    for (const failOn of [[], ['--fail-on', 'drift'], ['--fail-on', 'blockers']]) {
      const r = await runCli(['diagnose', '--url', db.url, '--expected', expected, ...failOn, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.findings.map((f: { id: string }) => f.id).sort()).toEqual(INFO);
      expect(report.findings.map((f: { severity: string }) => f.severity)).toEqual(['info', 'info']);
      expect(report.failed).toBe(false);
      expect(report.summary).toEqual({ errors: 0, warnings: 0, info: 2, blockers: 0, unknownProbes: 0 });
    }
    const table = await runCli(['diagnose', '--url', db.url, '--expected', expected]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/info\s+constraint_stricter_than_expected\s+patients_age_check/);
    expect(table.stdout).toContain('No drift: the database matches the expected schema. 2 info findings (not drift).');
    const github = await runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'github']);
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(/^::notice title=constraint_stricter_than_expected::public.patients.patients_age_check: /m);
    expect(github.stdout).not.toMatch(/^::(error|warning)/m);
    const sarif = JSON.parse((await runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].results.map((x: { level: string }) => x.level)).toEqual(['note', 'note']);
    const junit = await runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'junit']);
    expect(junit.stdout).toContain('failures="0"');
    expect(junit.stdout).toContain('<system-out>info: public.patients.patients_age_check: ');
    const md = await runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'markdown']);
    expect(md.stdout).toMatch(/^## ✅ No schema drift$/m);
    expect(md.stdout).toContain('| 🔵 info | `constraint_stricter_than_expected` |');
  });

  it('plan has no step, refusal or skip for them, and apply leaves the constraints validated', async () => {
    const plan = await runCli(['plan', '--url', db.url, '--expected', expected, '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ steps: [], refused: [], skipped: [] });
    const applied = await runCli(['apply', '--url', db.url, '--expected', expected, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    const rows = await db.sql(`SELECT conname, convalidated FROM pg_constraint WHERE conname IN ('patients_age_check', 'positive_int_check') ORDER BY 1`);
    expect(rows).toEqual([
      { conname: 'patients_age_check', convalidated: true },
      { conname: 'positive_int_check', convalidated: true },
    ]);
  });

  it('the opposite, NOT VALID live where the expected schema validates it, stays an error that fails the run', async () => {
    const strict = join(mkdtempSync(join(tmpdir(), 'sd-info-')), 'expected.sql');
    writeFileSync(strict, 'CREATE TABLE patients (id integer PRIMARY KEY, age integer CONSTRAINT patients_age_check CHECK (age >= 0), weight integer);\n');
    const other = await createTestDatabase('info');
    try {
      await other.sql('CREATE TABLE patients (id integer PRIMARY KEY, age integer, weight integer); ALTER TABLE patients ADD CONSTRAINT patients_age_check CHECK (age >= 0) NOT VALID;');
      const r = await runCli(['diagnose', '--url', other.url, '--expected', strict, '--format', 'json']);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).findings).toMatchObject([{ id: 'constraint_not_valid:public.patients.patients_age_check', severity: 'error' }]);
    } finally {
      await other.drop();
    }
  });
});
