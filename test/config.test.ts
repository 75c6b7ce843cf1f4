/**
 * schema-doctor.config.json (docs/config.md): defaults for long options, flags override them, validated with
 * docs/config.schema.json (CONFIG_INVALID, exit 5, with the JSON path), never a password. The CLI runs in a
 * temporary working directory holding the file.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const MISSING = 'missing_constraint:public.book_view_statistics.book_view_statistics_book_id_view_type_unique';

function workdir(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'sd-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'schema-doctor.config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return dir;
}

describe('schema-doctor.config.json', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('config');
    await db.sql(readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8'));
  });
  afterAll(async () => db.drop());

  it('gives defaults for long options, in camelCase, at the top level and per command', async () => {
    const cwd = workdir({ $schema: `${root}docs/config.schema.json`, url: db.url.replace(/:[^:@/]*@/, '@'), expected: `${root}expected-schema`, failOn: 'never', diagnose: { format: 'json' } });
    const r = await runCli(['diagnose'], { PGPASSWORD: new URL(db.url).password }, cwd);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual([MISSING]);
    expect(report.failed).toBe(false);
  });

  it('flags override it, and so does DATABASE_URL for its url', async () => {
    const cwd = workdir({ url: 'postgres://nobody@127.0.0.1:1/none', expected: `${root}expected-schema`, failOn: 'never', ignore: [MISSING], format: 'json' });
    const flags = await runCli(['diagnose', '--url', db.url, '--fail-on', 'drift', '--ignore', 'nothing_matches', '--format', 'table'], {}, cwd);
    expect(flags.code, flags.stderr).toBe(2);
    expect(flags.stdout).toMatch(/missing_constraint\s+book_view_statistics_book_id_view_type_unique/);
    const env = await runCli(['diagnose'], { DATABASE_URL: db.url }, cwd);
    expect(env.code, env.stderr).toBe(0);
    expect(JSON.parse(env.stdout)).toMatchObject({ findings: [], ignored: 1 });
  });

  it('--config FILE names another file; relative paths in it are taken from its directory', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'ci', 'drift.json'), JSON.stringify({ expected: `${root}expected-schema`, migrations: '../no-such-dir', probes: false }));
    const cwd = workdir({ failOn: 'never' }); // ignored: --config wins over the working directory's file
    const r = await runCli(['diagnose', '--url', db.url, '--config', join(dir, 'ci', 'drift.json'), '--format', 'json'], {}, cwd);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(new RegExp(`^error \\[MIGRATIONS_DIR_UNREADABLE\\]: Cannot read the migrations directory \\.\\./${basename(dir)}/no-such-dir: `));
    writeFileSync(join(dir, 'ci', 'drift.json'), JSON.stringify({ expected: `${root}expected-schema`, probes: false }));
    const ok = await runCli(['diagnose', '--url', db.url, '--config', join(dir, 'ci', 'drift.json'), '--format', 'json'], {}, cwd);
    expect(ok.code, ok.stderr).toBe(2);
    expect(JSON.parse(ok.stdout).findings[0].blockers).toBeUndefined();
  });

  it("snapshot --from-sql leaves the file's url alone (it connects to nothing)", async () => {
    const cwd = workdir({ url: 'postgres://nobody@127.0.0.1:1/none', snapshot: { out: 'manifest.json' } });
    writeFileSync(join(cwd, 'schema.sql'), 'CREATE TABLE t (id int PRIMARY KEY);\n');
    const r = await runCli(['snapshot', '--from-sql', 'schema.sql'], {}, cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(cwd, 'manifest.json'), 'utf8')).tables)).toEqual(['public.t']);
  });

  it('plan and apply read their options too', async () => {
    const cwd = workdir({ expected: `${root}expected-schema`, lockTimeout: 'soon' });
    const r = await runCli(['plan', '--url', db.url], {}, cwd);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error \[CONFIG_INVALID\]: .* at \$\.lockTimeout: expected a duration/m);
  });

  it.each([
    [{ failOn: 3 }, '$.failOn: expected one of "drift", "info", "error", "blockers", "never"'],
    [{ ignore: 'one' }, '$.ignore: expected array'],
    [{ expectd: 'x' }, '$.expectd: unknown option "expectd"'],
    [{ diagnose: { strict: 'yes' } }, '$.diagnose.strict: expected boolean'],
    [{ apply: { yes: true } }, '$.apply.yes: "yes" cannot be set in a config file'],
    ['{ "failOn": "never", }', 'is not valid JSON'],
  ])('a mistake is CONFIG_INVALID (exit 5) with its JSON path: %j', async (config, message) => {
    const r = await runCli(['diagnose', '--url', db.url], {}, workdir(config));
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error \[CONFIG_INVALID\]: Config file .*schema-doctor\.config\.json /);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('refuses a url with a password in it, without printing the password', async () => {
    for (const url of ['postgres://app:Sup3r-Secret@db.internal/app', 'postgres://app@db.internal/app?password=Sup3r-Secret']) {
      const r = await runCli(['diagnose'], {}, workdir({ url, diagnose: {} }));
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(/^error \[CONFIG_INVALID\]: .* has a password in \$\.url/);
      expect(r.stderr).not.toContain('Sup3r-Secret');
    }
    const r = await runCli(['diagnose'], {}, workdir({ plan: { url: 'postgres://app:Sup3r-Secret@db.internal/app' } }));
    expect(r.stderr).toContain('has a password in $.plan.url');
  });

  it('--config naming a file that does not exist is CONFIG_UNREADABLE (exit 5)', async () => {
    const r = await runCli(['diagnose', '--config', 'nope.json'], {}, workdir());
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error \[CONFIG_UNREADABLE\]: Config file nope\.json does not exist\./);
  });

  it('docs/config.schema.json covers every long option of diagnose, plan and apply but --yes, --degraded and --config', async () => {
    const schema = JSON.parse(readFileSync(`${root}docs/config.schema.json`, 'utf8'));
    const camel = (s: string) => s.replace(/^--(no-)?/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    for (const command of ['snapshot', 'diagnose', 'plan', 'apply']) {
      const help = await runCli([command, '--help']);
      const options = [...help.stdout.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => camel(m[1]!)).filter((o) => !['yes', 'degraded', 'config', 'help'].includes(o));
      for (const o of options) expect(Object.keys(schema.properties), `${command} ${o}`).toContain(o);
    }
  });
});
