/**
 * CI integration (docs/ci.md): the step summary that diagnose, plan and apply append to $GITHUB_STEP_SUMMARY,
 * annotations that point at the migration file or the manifest line, the composite GitHub Action run as a runner
 * runs it, and the GitLab CI template. Everything against a real drifted database.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';
import type { Finding } from '../dist/diff/finding.js';
import { locateFinding } from '../dist/history/relate.js';
import { jsonKeyLines, locateInManifest } from '../dist/manifest/locate.js';

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
  const i = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => re.test(l));
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
    // The manifest alone, without a policies.json next to it: the duplicates have no policy, so apply refuses.
    const expected = tempFile('manifest.json', readFileSync(`${root}expected-schema/manifest.json`, 'utf8'));
    const plan = await runCli(['plan', '--url', db.url, '--expected', expected, '--ignore', MISSING], { GITHUB_STEP_SUMMARY: summary });
    expect([0, 2, 3]).toContain(plan.code);
    let text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## (✅ Nothing to repair|📋 Repair plan: \d+ step\(s\))/m);
    const refused = await runCli(['apply', '--url', db.url, '--expected', expected, '--dry-run'], { GITHUB_STEP_SUMMARY: summary });
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

  it("without --migrations: the object's key in the manifest, with its line", async () => {
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

/** Runs a shell command as an Actions runner runs a composite step: bash, with the step's env, in the workspace. */
function runStep(command: string, env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME!,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME ?? '',
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
  };
  return new Promise((resolve) => {
    execFile('bash', ['-e', '-c', command], { env: { ...base, ...env }, cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout, stderr });
    });
  });
}

/** The lines of the composite action's step with `id: <id>`, up to the next step. */
function stepOf(yml: string, id: string): string[] {
  const lines = yml.split('\n');
  const at = lines.findIndex((l) => l.trim() === `id: ${id}`);
  expect(at, `a step with id: ${id}`).toBeGreaterThan(0);
  const out: string[] = [];
  for (let i = at; i < lines.length && !/^\s*- /.test(lines[i]!); i++) out.push(lines[i]!);
  return out;
}

describe('the GitHub Action (action.yml), run as a runner runs it', () => {
  const yml = readFileSync(`${root}action.yml`, 'utf8');

  it('is a composite action with the documented inputs and outputs, and installs nothing beyond Node and the package', () => {
    expect(yml).toMatch(/^runs:\n {2}using: composite$/m);
    for (const input of ['database-url', 'expected', 'migrations', 'fail-on', 'ignore', 'sarif-file']) expect(yml).toMatch(new RegExp(`^ {2}${input}:$`, 'm'));
    for (const output of ['drift', 'exit-code']) expect(yml).toMatch(new RegExp(`^ {2}${output}:\\n {4}description: .*\\n {4}value: \\$\\{\\{ steps\\.diagnose\\.outputs\\.${output} \\}\\}$`, 'm'));
    const uses = [...yml.matchAll(/^\s*- uses: (\S+)$/gm)].map((m) => m[1]);
    expect(uses).toEqual(['actions/setup-node@v4']);
    expect(readFileSync(`${root}ci/github/install.sh`, 'utf8')).toMatch(/^npm ci --no-audit --no-fund --loglevel=error$/m);
  });

  /** The Diagnose step's command and its env, inputs substituted as the runner does. */
  function diagnoseStep(inputs: Record<string, string>): { run: string; env: Record<string, string> } {
    const step = stepOf(yml, 'diagnose');
    const run = step.find((l) => /^\s*run: /.test(l))!.replace(/^\s*run: /, '');
    const env: Record<string, string> = {};
    for (const l of step) {
      const m = /^\s*(INPUT_[A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/.exec(l);
      if (m) env[m[1]!] = inputs[m[2]!] ?? new RegExp(`^ {2}${m[2]}:\\n(?: {4}.*\\n)*? {4}default: '?([^'\\n]*)'?$`, 'm').exec(yml)?.[1] ?? '';
    }
    expect(Object.keys(env).sort()).toEqual(['INPUT_DATABASE_URL', 'INPUT_EXPECTED', 'INPUT_FAIL_ON', 'INPUT_IGNORE', 'INPUT_MIGRATIONS', 'INPUT_SARIF_FILE']);
    return { run, env };
  }

  function runnerFiles() {
    const dir = mkdtempSync(join(tmpdir(), 'sd-runner-'));
    const summary = join(dir, 'step_summary.md');
    const output = join(dir, 'output.txt');
    writeFileSync(summary, '');
    writeFileSync(output, 'earlier=1\n');
    return { dir, summary, output, sarif: join(dir, 'results.sarif') };
  }

  it('on drift: annotations with file and line, the summary, a SARIF file for upload-sarif, drift=true and exit 2', async () => {
    const f = runnerFiles();
    const { run, env } = diagnoseStep({ 'database-url': db.url, migrations: 'migrations', 'sarif-file': f.sarif });
    const r = await runStep(run, { ...env, GITHUB_ACTION_PATH: root, GITHUB_STEP_SUMMARY: f.summary, GITHUB_OUTPUT: f.output, GITHUB_WORKSPACE: root }, root);
    expect(r.code, r.stderr).toBe(2);
    const line = lineOf(`${root}migrations/${FILE_0007}`, /^\s*ALTER TABLE book_view_statistics\s*$/);
    expect(r.stdout).toContain(`::error file=migrations/${FILE_0007},line=${line},title=missing_constraint::`);
    expect(r.stdout).toMatch(/^::warning title=migration not applied::0007_/m);
    expect(r.stdout).toMatch(/^::notice title=schema-doctor::/m);
    const summary = readFileSync(f.summary, 'utf8');
    expect(summary.match(/^## ❌ Schema drift found$/gm)).toHaveLength(1);
    expect(summary).toContain('### Migrations');
    const sarif = JSON.parse(readFileSync(f.sarif, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.name).toBe('schema-doctor');
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const x of results) {
      expect(typeof x.ruleId).toBe('string');
      expect(typeof x.message.text).toBe('string');
      expect(x.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    expect(results.find((x: { ruleId: string }) => x.ruleId === 'missing_constraint').locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `migrations/${FILE_0007}` },
      region: { startLine: line },
    });
    expect(readFileSync(f.output, 'utf8')).toBe(`earlier=1\ndrift=true\nexit-code=2\nsarif-file=${f.sarif}\n`);
    expect(r.stdout + r.stderr).not.toContain(new URL(db.url).password || '\u0000');
  });

  it('ignore rules one per line (comments allowed): no drift, drift=false and exit 0', async () => {
    const f = runnerFiles();
    const { run, env } = diagnoseStep({ 'database-url': db.url, ignore: `# accepted until the merge is scheduled\n  ${MISSING}  \n\n`, 'sarif-file': f.sarif });
    const r = await runStep(run, { ...env, GITHUB_ACTION_PATH: root, GITHUB_STEP_SUMMARY: f.summary, GITHUB_OUTPUT: f.output }, root);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(f.summary, 'utf8')).toMatch(/^## ✅ No schema drift$/m);
    expect(JSON.parse(readFileSync(f.sarif, 'utf8')).runs[0].results).toEqual([]);
    expect(readFileSync(f.output, 'utf8')).toBe(`earlier=1\ndrift=false\nexit-code=0\nsarif-file=${f.sarif}\n`);
  });

  it('a database it cannot reach: its exit code (6), drift=false, no SARIF file', async () => {
    const f = runnerFiles();
    const { run, env } = diagnoseStep({ 'database-url': 'postgres://nobody@127.0.0.1:1/none', 'sarif-file': f.sarif });
    const r = await runStep(run, { ...env, GITHUB_ACTION_PATH: root, GITHUB_STEP_SUMMARY: f.summary, GITHUB_OUTPUT: f.output }, root);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^error \[CONNECT_FAILED\]/m);
    expect(existsSync(f.sarif)).toBe(false);
    expect(readFileSync(f.output, 'utf8')).toBe('earlier=1\ndrift=false\nexit-code=6\nsarif-file=\n');
  });
});

describe('the GitLab CI template (ci/gitlab/schema-doctor.yml)', () => {
  const yml = readFileSync(`${root}ci/gitlab/schema-doctor.yml`, 'utf8');

  /** The `- ` items of a block key (`script:`) of the hidden job, read as text (no YAML dependency). */
  function listOf(key: string): string[] {
    const lines = yml.split('\n');
    const at = lines.indexOf(`  ${key}:`);
    expect(at, key).toBeGreaterThan(0);
    const out: string[] = [];
    for (let i = at + 1; i < lines.length && /^ {4}- /.test(lines[i]!); i++) out.push(lines[i]!.replace(/^ {4}- /, ''));
    return out;
  }

  function variables(): Record<string, string> {
    const lines = yml.split('\n');
    const at = lines.indexOf('  variables:');
    const out: Record<string, string> = {};
    for (let i = at + 1; i < lines.length && /^ {4}\S/.test(lines[i]!); i++) {
      const m = /^ {4}([A-Z_]+): "(.*)"$/.exec(lines[i]!)!;
      out[m[1]!] = m[2]!;
    }
    return out;
  }

  it('publishes the JUnit file as artifacts:reports:junit and keeps the Markdown report, even when the job fails', () => {
    expect(yml).toMatch(/^\.schema-doctor:$/m);
    expect(yml).toMatch(/^ {2}artifacts:\n {4}when: always\n(?: {4}.*\n)*? {4}reports:\n {6}junit: schema-doctor-junit\.xml$/m);
    expect(yml).toMatch(/^ {4}paths:\n {6}- schema-doctor\.md\n {6}- schema-doctor-junit\.xml$/m);
    expect(yml).toMatch(/^schema-doctor:\n {2}extends: \.schema-doctor$/m);
    expect(variables()).toMatchObject({ SCHEMA_DOCTOR_EXPECTED: 'expected-schema', SCHEMA_DOCTOR_FAIL_ON: 'drift' });
    expect(listOf('script').join('\n')).toMatch(/diagnose .*--format junit .*> schema-doctor-junit\.xml$/);
  });

  it('its script lines, run as the runner runs them in a project checkout: JUnit with the findings, the Markdown report, exit 2', async () => {
    const project = mkdtempSync(join(tmpdir(), 'sd-gitlab-'));
    cpSync(`${root}expected-schema`, join(project, 'expected-schema'), { recursive: true });
    cpSync(`${root}migrations`, join(project, 'migrations'), { recursive: true });
    const env = { ...variables(), SCHEMA_DOCTOR: `node ${root}bin/schema-doctor.js`, SCHEMA_DOCTOR_MIGRATIONS: 'migrations', DATABASE_URL: db.url, GITLAB_CI: 'true', CI_PROJECT_DIR: project };
    writeFileSync(join(project, 'schema-doctor.md'), 'stale report of an earlier run\n');
    const r = await runStep(listOf('script').join('\n'), env, project);
    expect(r.code, r.stderr).toBe(2);
    const junit = readFileSync(join(project, 'schema-doctor-junit.xml'), 'utf8');
    expect(junit).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="schema-doctor" tests="2" failures="2"/);
    expect(junit).toContain(`name="${MISSING}"`);
    expect(junit).toContain(`name="not applied: ${FILE_0007}"`);
    const md = readFileSync(join(project, 'schema-doctor.md'), 'utf8');
    expect(md).toMatch(/^## ❌ Schema drift found\n/);
    expect(md).not.toContain('stale report');
  });
});

describe('locating findings (pure: src/history/relate.ts locateFinding, src/manifest/locate.ts)', () => {
  const files = ['0008_community_schema_fixes.sql', '0009_app_role_grants.sql', FILE_0007].map((name) => ({ name, sql: readFileSync(`${root}migrations/${name}`, 'utf8') }));
  const manifest = `${root}expected-schema/manifest.json`;
  const keys = jsonKeyLines(readFileSync(manifest, 'utf8'));
  const finding = (kind: string, objectType: string, object: string, table?: string, grantee?: string) =>
    ({ id: `${kind}:${object}${grantee ? `:${grantee}` : ''}`, kind, objectType, object, ...(table && { table }), severity: 'error', hint: '' }) as unknown as Finding;

  it('a missing column: the ALTER TABLE … ADD COLUMN line; in the manifest, the column\'s "name"', () => {
    const f = finding('missing_column', 'column', 'public.scores.duration_sec', 'public.scores');
    expect(locateFinding(f, files)).toEqual({ name: '0008_community_schema_fixes.sql', line: lineOf(`${root}migrations/0008_community_schema_fixes.sql`, /ADD COLUMN IF NOT EXISTS duration_sec/) });
    const line = locateInManifest(f, keys)!;
    expect(readFileSync(manifest, 'utf8').split('\n')[line - 1]).toMatch(/^\s*"name": "duration_sec",?$/);
  });

  it('a missing privilege: the GRANT statement; in the manifest, its entry under privileges', () => {
    const f = finding('missing_privilege', 'table', 'public.scores', undefined, 'app_rw');
    expect(locateFinding(f, files)).toEqual({ name: '0009_app_role_grants.sql', line: lineOf(`${root}migrations/0009_app_role_grants.sql`, /^GRANT SELECT, INSERT, UPDATE, DELETE$/) });
    expect(locateInManifest(f, keys)).toBe(lineOf(manifest, /^\s*"table public\.scores": \{$/));
  });

  it('default privileges: ALTER DEFAULT PRIVILEGES; in the manifest, the defaultPrivileges key', () => {
    const f = finding('default_privileges_differ', 'default_privileges', 'pg_database_owner / public / tables', undefined, 'app_rw');
    expect(locateFinding(f, files)).toEqual({ name: '0009_app_role_grants.sql', line: lineOf(`${root}migrations/0009_app_role_grants.sql`, /ON TABLES TO app_rw;$/) });
    expect(locateInManifest(f, keys)).toBe(lineOf(manifest, /^\s*"pg_database_owner \/ public \/ tables": \{$/));
  });

  it('a name in a comment or a string literal is not the statement that creates it', () => {
    const sql = `-- CREATE TABLE public.t (id int);\nSELECT 'ALTER TABLE x ADD CONSTRAINT t_pkey';\n\nALTER TABLE t\n  ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n`;
    const f = finding('missing_primary_key', 'constraint', 'public.t.t_pkey', 'public.t');
    expect(locateFinding(f, [{ name: 'a.sql', sql }])).toEqual({ name: 'a.sql', line: 4 });
    expect(locateFinding(finding('unexpected_table', 'table', 'public.t'), [{ name: 'a.sql', sql: 'CREATE TABLE t (id int);' }])).toBeUndefined();
  });
});

describe('the step summary of a real apply', () => {
  it('plan lists the steps; apply says what was committed and the outcome', async () => {
    const other = await createTestDatabase('cigate');
    try {
      await other.sql('CREATE TABLE t (id int PRIMARY KEY)');
      const expected = tempFile('expected.sql', "CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL DEFAULT '');\n");
      const summary = tempFile('summary.md');
      const plan = await runCli(['plan', '--url', other.url, '--expected', expected, '--format', 'json'], { GITHUB_STEP_SUMMARY: summary });
      expect(plan.code, plan.stderr).toBe(2);
      const steps = JSON.parse(plan.stdout).steps as { id: string }[];
      expect(steps.length).toBeGreaterThan(0);
      const planned = readFileSync(summary, 'utf8');
      expect(planned).toMatch(new RegExp(`^## 📋 Repair plan: ${steps.length} step\\(s\\)$`, 'm'));
      expect(planned).toMatch(/^\| Step \| Summary \| Lock \| Hazards \|$/m);
      const applied = await runCli(['apply', '--url', other.url, '--expected', expected, '--yes'], { GITHUB_STEP_SUMMARY: summary });
      expect(applied.code, applied.stderr).toBe(0);
      const text = readFileSync(summary, 'utf8');
      expect(text.startsWith(planned)).toBe(true);
      const after = text.slice(planned.length);
      expect(after).toMatch(/^## ✅ schema-doctor apply: applied and verified$/m);
      expect(after).toMatch(/^Database `.*`, run `\d{8}T\d{6}-[0-9a-f]{6}`\.$/m);
      expect(after).toContain(`Committed: ${steps.map((s) => `\`${s.id}\``).join(', ')}.`);
      expect(after).toMatch(/^\| Step \| Status \| Summary \| Lock \| Hazards \|$/m);
      expect(after).toMatch(/\| applied \|/);
      const again = await runCli(['apply', '--url', other.url, '--expected', expected, '--yes'], { GITHUB_STEP_SUMMARY: summary });
      expect(again.code).toBe(0);
      expect(readFileSync(summary, 'utf8')).toMatch(/## ✅ schema-doctor apply: nothing to do\n\nDatabase `[^`]*`\.\n\nCommitted: nothing\.\n+$/);
    } finally {
      await other.drop();
    }
  });
});
