import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminUrl, runCli, withDatabase } from './support/db.js';
import { TEST_PASSWORD } from './support/global-setup.js';

/** Every failure: one paragraph with an error code and a hint, the documented exit code, no stack, no password. */
function expectCleanError(r: { code: number; stdout: string; stderr: string }, code: number, errorCode: string) {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(new RegExp(`^error \\[${errorCode}\\]: `));
  expect(r.stderr).toMatch(/\nhint: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout + r.stderr).not.toContain(TEST_PASSWORD);
  expect(r.stdout + r.stderr).not.toContain(encodeURIComponent(TEST_PASSWORD));
}

const tmp = mkdtempSync(join(tmpdir(), 'sd-bad-input-'));

describe('bad input gets a clear error and a documented exit code', () => {
  it('unreachable host: exit 6', async () => {
    const r = await runCli(['snapshot', '--url', `postgres://postgres:${encodeURIComponent(TEST_PASSWORD)}@127.0.0.1:1/postgres`]);
    expectCleanError(r, 6, 'CONNECT_FAILED');
  });

  it('connect timeout: exit 6 within the timeout', async () => {
    // 10.255.255.1 is never answered here; the connect timeout ends the wait.
    const r = await runCli(['snapshot', '--connect-timeout', '1', '--url', `postgres://u:${encodeURIComponent(TEST_PASSWORD)}@10.255.255.1:5432/x`]);
    expect(r.code).toBe(6);
    expect(r.stdout + r.stderr).not.toContain(TEST_PASSWORD);
  });

  it('wrong password: exit 6, the wrong password is not echoed', async () => {
    const url = new URL(adminUrl());
    url.password = 'wrong-Secret-123';
    const r = await runCli(['snapshot', '--url', url.toString()]);
    expectCleanError(r, 6, 'AUTH_FAILED');
    expect(r.stderr).not.toContain('wrong-Secret-123');
  });

  it('nonexistent database: exit 6', async () => {
    const r = await runCli(['snapshot', '--url', withDatabase(adminUrl(), 'no_such_db_here')]);
    expectCleanError(r, 6, 'NO_DATABASE');
  });

  it('malformed URL: exit 5, the URL (and its password) not echoed', async () => {
    const r = await runCli(['snapshot', '--url', `postgres://user:${TEST_PASSWORD}@host:notaport/db`]);
    expectCleanError(r, 5, 'BAD_URL');
  });

  it('DATABASE_URL and PG* variables are used when --url is absent; PGPASSWORD never printed', async () => {
    const u = new URL(adminUrl());
    const viaEnv = await runCli(['snapshot', '--schema', 'nothing_here'], { DATABASE_URL: adminUrl() });
    expect(viaEnv.code).toBe(0);
    const viaPg = await runCli(['snapshot', '--schema', 'nothing_here'], {
      PGHOST: u.hostname,
      PGPORT: u.port,
      PGUSER: decodeURIComponent(u.username),
      PGPASSWORD: TEST_PASSWORD,
      PGDATABASE: 'postgres',
      PGSSLMODE: 'disable',
    });
    expect(viaPg.code).toBe(0);
    expect(viaPg.stdout).toBe(viaEnv.stdout);
    const wrongDb = await runCli(['snapshot'], {
      PGHOST: u.hostname,
      PGPORT: u.port,
      PGUSER: decodeURIComponent(u.username),
      PGPASSWORD: TEST_PASSWORD,
      PGDATABASE: 'nope_db',
      PGSSLMODE: 'disable',
    });
    expectCleanError(wrongDb, 6, 'NO_DATABASE');
  });

  it('~/.pgpass supplies the password', async () => {
    const u = new URL(adminUrl());
    const pgpass = join(tmp, 'pgpass');
    writeFileSync(pgpass, `${u.hostname}:${u.port}:*:${decodeURIComponent(u.username)}:${TEST_PASSWORD}\n`);
    chmodSync(pgpass, 0o600);
    const r = await runCli(['snapshot', '--schema', 'nothing_here', '--url', `postgres://${u.username}@${u.host}/postgres?sslmode=disable`], { PGPASSFILE: pgpass });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('unreadable manifest path: exit 5 naming the file', async () => {
    const { readManifest } = await import('../dist/manifest/read.js');
    expect(() => readManifest(join(tmp, 'missing.json'))).toThrowError(/missing\.json does not exist/);
  });

  it('manifest that is not JSON: exit 5 with line and column', async () => {
    const f = join(tmp, 'broken.json');
    writeFileSync(f, '{\n  "formatVersion": 1,\n  "tables": {,\n}');
    const { readManifest } = await import('../dist/manifest/read.js');
    expect(() => readManifest(f)).toThrowError(/broken\.json is not valid JSON \(line 3, column \d+\)/);
  });

  it('manifest that does not validate: the JSON path and what was expected', async () => {
    const f = join(tmp, 'invalid.json');
    writeFileSync(
      f,
      JSON.stringify({
        formatVersion: 1,
        schemas: {},
        extensions: {},
        enums: {},
        domains: {},
        sequences: {},
        views: {},
        functions: {},
        tables: { 'public.books': { schema: 'public', name: 'books', kind: 'table', columns: [{ name: 'id', type: 5 }], constraints: {}, indexes: {}, triggers: {}, policies: {} } },
      }),
    );
    const { readManifest } = await import('../dist/manifest/read.js');
    expect(() => readManifest(f)).toThrowError(/invalid\.json does not match the manifest format at \$\.tables\["public\.books"\]\.columns\[0\]\.type: expected string/);
  });

  it('SQL file with an error: exit 5 with file and line', async () => {
    const f = join(tmp, 'broken.sql');
    writeFileSync(f, 'CREATE TABLE a (id int);\n\nCREATE TABLE b (\n  id int,\n  ref int REFERENCES nowhere (id)\n);\n');
    const r = await runCli(['snapshot', '--from-sql', f]);
    expectCleanError(r, 5, 'SQL_FILE_ERROR');
    expect(r.stderr).toContain(`${f}:3: relation "nowhere" does not exist`);
  });

  it('unknown option: usage error, exit 5', async () => {
    const r = await runCli(['snapshot', '--no-such-flag']);
    expect(r.code).toBe(5);
  });
});
